/**
 * A second throwaway engine for the connection tests: its own dockerd listening on
 * a unix socket and on tcp://127.0.0.1:PORT with TLS (`--tlsverify`: a client
 * certificate is required), with a CA, server and client certificates made by
 * openssl for this run, plus another CA that signed nothing of it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { buildFixtureImage, EngineInfo, freePort, makeEngineStateDir, startDaemon, teardownEngine } from './engine';

export interface Certificates {
  /** DOCKER_CERT_PATH with ca.pem, cert.pem and key.pem that the engine accepts */
  client: string;
  /** the client's cert.pem and key.pem, with a ca.pem that did not sign the server's certificate */
  wrongCa: string;
  /** ca.pem and cert.pem, no key.pem */
  missingKey: string;
  ca: string;
  cert: string;
  key: string;
}

export interface TlsEngine {
  info: EngineInfo;
  /** tcp://127.0.0.1:PORT, TLS only */
  tlsHost: string;
  certs: Certificates;
  stop(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKeyAndRequest(cwd: string, name: string, subject: string): void {
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject], cwd);
}

function newCa(cwd: string, name: string): void {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`], cwd);
}

function sign(cwd: string, name: string, ca: string, extensions: string): void {
  fs.writeFileSync(path.join(cwd, `${name}.ext`), extensions);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-out', `${name}-cert.pem`, '-days', '2', '-extfile', `${name}.ext`], cwd);
}

/** A CA, a server certificate for 127.0.0.1 and localhost, a client certificate, and a CA that signed neither. */
export function makeCertificates(dir: string): Certificates & { server: { cert: string; key: string } } {
  fs.mkdirSync(dir, { recursive: true });
  newCa(dir, 'ca');
  newCa(dir, 'other-ca');
  newKeyAndRequest(dir, 'server', '/CN=localhost');
  sign(dir, 'server', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  newKeyAndRequest(dir, 'client', '/CN=docker-deck-test');
  sign(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  const certPath = (name: string, files: Record<string, string>) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d);
    for (const [to, from] of Object.entries(files)) fs.copyFileSync(path.join(dir, from), path.join(d, to));
    return d;
  };
  return {
    client: certPath('client', { 'ca.pem': 'ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem' }),
    wrongCa: certPath('wrong-ca', { 'ca.pem': 'other-ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem' }),
    missingKey: certPath('missing-key', { 'ca.pem': 'ca.pem', 'cert.pem': 'client-cert.pem' }),
    ca: path.join(dir, 'ca.pem'),
    cert: path.join(dir, 'client-cert.pem'),
    key: path.join(dir, 'client-key.pem'),
    server: { cert: path.join(dir, 'server-cert.pem'), key: path.join(dir, 'server-key.pem') },
  };
}

/**
 * Starts the second engine (no bridge network: it must not touch the first
 * engine's docker0) with the fixture image, so containers can be made on it.
 */
export async function startTlsEngine(): Promise<TlsEngine> {
  const { stateDir, info } = makeEngineStateDir();
  try {
    const certs = makeCertificates(path.join(stateDir, 'certs'));
    const port = await freePort();
    const tlsHost = `tcp://127.0.0.1:${port}`;
    await startDaemon(stateDir, [
      '-H', tlsHost, '--bridge=none',
      '--tlsverify', '--tlscacert', certs.ca, '--tlscert', certs.server.cert, '--tlskey', certs.server.key,
    ]);
    await buildFixtureImage(info.socketPath);
    return { info, tlsHost, certs, stop: () => teardownEngine(info) };
  } catch (e) {
    await teardownEngine(info);
    throw e;
  }
}
