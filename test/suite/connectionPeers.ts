/**
 * What the connection tests talk to, besides the run's engine: a second engine
 * with TLS on tcp://127.0.0.1 (test/engine/tls.ts), an sshd in front of it
 * (test/engine/sshd.ts), contexts made with the real docker CLI, and servers that
 * never answer. Started once, on first use, for every connection*.test.ts file,
 * and stopped after the run's last test.
 */
import { execFile } from 'child_process';
import Docker = require('dockerode');
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ConnectionState } from '../../src/docker/engineModel';
import type { DockerDeckApi } from '../../src/extension';
import { FIXTURE_IMAGE, TEST_LABEL } from '../engine/engine';
import { startSshPeer, SshPeer } from '../engine/sshd';
import { startTlsEngine, TlsEngine } from '../engine/tls';
import { rows, RUN_ID, until } from './helpers';

export interface Peers {
  tls: TlsEngine;
  ssh: SshPeer;
  /** a client of the second engine, through its unix socket */
  docker: Docker;
  /** tcp://127.0.0.1:PORT that forwards to the second engine's socket: plain TCP */
  plainHost: string;
  /** a port that accepts connections and never says a word */
  silentPort: number;
  /** a HOME with nothing in it (no ~/.docker, no ~/.ssh) */
  emptyHome: string;
  /** a DOCKER_CONFIG where the CLI made `tls` (TLS material) and `remote` (ssh://) contexts */
  configDir: string;
  scratch: string;
}

let started: Promise<Peers> | undefined;
const servers: net.Server[] = [];

export function peers(): Promise<Peers> {
  started ??= startPeers();
  return started;
}

// a root hook: after the last test of the run, whichever file started the peers
after(async () => {
  if (!started) return;
  const p = await started.catch(() => undefined);
  for (const s of servers) s.close();
  await p?.ssh.stop();
  await p?.tls.stop();
  if (p) fs.rmSync(p.scratch, { recursive: true, force: true });
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function startPeers(): Promise<Peers> {
  const tls = await startTlsEngine();
  const ssh = await startSshPeer(tls.info.stateDir!, tls.info.host);
  const docker = new Docker({ socketPath: tls.info.socketPath });
  const labels = { [TEST_LABEL]: RUN_ID };
  await docker.createContainer({ Image: FIXTURE_IMAGE, name: 'peer-created', Labels: labels });
  const running = await docker.createContainer({ Image: FIXTURE_IMAGE, name: 'peer-running', Labels: labels, HostConfig: { NetworkMode: 'none' } });
  await running.start();

  const plainPort = await listen(
    net.createServer((client) => {
      const engine = net.connect(tls.info.socketPath);
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy());
      engine.on('error', () => client.destroy());
    }),
  );
  const silentPort = await listen(net.createServer(() => undefined));

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-connection-'));
  const emptyHome = path.join(scratch, 'empty-home');
  fs.mkdirSync(emptyHome);
  const configDir = path.join(scratch, 'docker-config');
  const c = tls.certs;
  await dockerCli(['context', 'create', 'tls', '--description', 'the TLS engine', '--docker', `host=${tls.tlsHost},ca=${c.ca},cert=${c.cert},key=${c.key}`], { DOCKER_CONFIG: configDir });
  await dockerCli(['context', 'create', 'remote', '--docker', `host=ssh://root@127.0.0.1:${ssh.port}`], { DOCKER_CONFIG: configDir });
  return { tls, ssh, docker, plainHost: `tcp://127.0.0.1:${plainPort}`, silentPort, emptyHome, configDir, scratch };
}

/** The real docker CLI, with only the environment given (and PATH, which may lead to the test's `ssh`). */
export function dockerCli(args: string[], env: Record<string, string | undefined>): Promise<string> {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir() };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  return new Promise((resolve, reject) => {
    execFile('docker', args, { env: clean, timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(`docker ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout)));
  });
}

/** `docker ps -a` through the same environment: the names, sorted. */
export async function cliContainerNames(env: Record<string, string | undefined>): Promise<string[]> {
  return (await dockerCli(['ps', '-a', '--format', '{{.Names}}'], env)).split('\n').filter(Boolean).sort();
}

/** The container names the Containers view shows, sorted. */
export async function shownContainerNames(deck: DockerDeckApi): Promise<string[]> {
  return (await rows(deck.containers.provider)).filter((r) => r.contextValue?.endsWith('Container')).map((r) => r.label).sort();
}

/** Fires on every change of the model (connection state, lists). */
export function modelChanged(deck: DockerDeckApi): vscode.Event<unknown> {
  return (listener) => deck.model.onDidChange(listener);
}

/** Waits until the model's connection state satisfies `check`; the bound only limits a failure. */
export function untilState<T>(deck: DockerDeckApi, check: (state: ConnectionState) => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  return until(modelChanged(deck), () => check(deck.model.state), what, timeoutMs);
}

/** Waits until the view shows exactly what `docker ps -a` shows through the same environment. */
export async function untilViewMatchesCli(deck: DockerDeckApi, cliEnv: Record<string, string | undefined>, what: string): Promise<string[]> {
  const expected = await cliContainerNames(cliEnv);
  await until(
    [deck.containers.provider.onDidChangeTreeData, modelChanged(deck)],
    async () => JSON.stringify(await shownContainerNames(deck)) === JSON.stringify(expected),
    `the Containers view to show ${JSON.stringify(expected)} (${what})`,
  );
  return expected;
}
