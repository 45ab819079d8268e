/**
 * `ssh://` endpoints the way the docker CLI reaches them (`ssh host docker system
 * dial-stdio`), over ONE ssh2 connection instead of one per request: an http.Agent
 * whose sockets are exec channels of that connection, kept alive and reused.
 *
 * The host key is checked against known_hosts like OpenSSH does (hashed and
 * `[host]:port` entries too); an unknown, changed or revoked key is refused.
 * Login tries the ssh agent (`SSH_AUTH_SOCK`), then ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa. Only ssh2's pure-JavaScript paths are needed (the bundle has no natives).
 */
import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as http from 'http';
import { Duplex } from 'stream';
import { Client, ClientChannel, ConnectConfig, utils as sshUtils } from 'ssh2';
import type { SshSpec } from '../core/dockerContext';
import { checkHostKey, fingerprint, HostKeyVerdict, keyTypeOf, KnownHostEntry, knownHostName, parseKnownHosts, preferredHostKeyAlgorithms } from '../core/knownHosts';
import { DockerError, sshError, SshFailure } from './errors';

/** TCP connect, key exchange and login together (the CLI's ssh has no limit; a dead host must not hang the views). */
export const SSH_READY_TIMEOUT_MS = 10_000;
/** A dead connection is noticed after about three intervals. */
const KEEPALIVE_MS = 15_000;
/** Channels per connection: OpenSSH allows 10 sessions by default (MaxSessions). */
const CHANNELS_PER_CONNECTION = 8;
const DIAL_STDIO = 'docker system dial-stdio';

export interface SshTarget {
  host: string;
  port: number;
  spec: SshSpec;
  /** the endpoint as users see it, for messages */
  label: string;
}

interface Session {
  client: Client;
  ready: Promise<void>;
  /** channels open or being opened */
  open: number;
  capacity: number;
  closed: boolean;
}

export class SshTransport {
  /** Give this to the modem: every request becomes an exec channel of the shared connection. */
  readonly agent: http.Agent;
  private sessions: Session[] = [];
  private disposed = false;

  constructor(private readonly target: SshTarget) {
    this.agent = new DialStdioAgent(() => this.dial());
  }

  /** Resolves once a logged-in connection exists (opening it if needed); rejects with a DockerError saying why not. */
  async ready(signal?: AbortSignal): Promise<void> {
    if (this.disposed) throw this.closedError();
    const session = this.sessions.find((s) => !s.closed) ?? this.connect();
    await abortable(session.ready, signal);
  }

  dispose(): void {
    this.disposed = true;
    this.agent.destroy();
    for (const s of this.sessions) s.client.end();
    this.sessions = [];
  }

  /** A new exec channel running `docker system dial-stdio`, as a socket for http. */
  private async dial(): Promise<Duplex> {
    if (this.disposed) throw this.closedError();
    const session = this.sessions.find((s) => !s.closed && s.open < s.capacity) ?? this.connect();
    session.open++;
    let channel: ClientChannel;
    try {
      await session.ready;
      channel = await new Promise<ClientChannel>((resolve, reject) => session.client.exec(DIAL_STDIO, (err, ch) => (err ? reject(err) : resolve(ch))));
    } catch (err) {
      this.release(session);
      if (err instanceof DockerError) throw err;
      if (/Channel open failure/i.test((err as Error).message) && session.open > 0) {
        // the server allows fewer sessions than assumed: stay below and use another connection
        session.capacity = session.open;
        return this.dial();
      }
      throw this.failure({ kind: 'other' }, err);
    }
    channel.once('close', () => this.release(session));
    return new ChannelSocket(channel, (output) => this.failure({ kind: 'dialStdio', output }, new Error(output)));
  }

  private forget(session: Session): void {
    session.closed = true;
    this.sessions = this.sessions.filter((s) => s !== session);
  }

  private release(session: Session): void {
    session.open--;
    // connections beyond the first exist only for bursts: close them when idle
    if (session.open === 0 && this.sessions.indexOf(session) > 0) session.client.end();
  }

  private connect(): Session {
    const { host, port, spec } = this.target;
    const client = new Client();
    const known = readKnownHosts(spec.knownHostsFiles);
    const identities = readIdentities(spec.identityFiles);
    const tried: string[] = [];
    let verdict: { check: HostKeyVerdict; key: Buffer } | undefined;
    let loggedIn = false;

    const session: Session = { client, ready: Promise.resolve(), open: 0, capacity: CHANNELS_PER_CONNECTION, closed: false };
    this.sessions.push(session);
    const methods: { label: string; method: Record<string, unknown> }[] = [];
    if (spec.agentSocket) methods.push({ label: 'ssh-agent', method: { type: 'agent', username: spec.user, agent: spec.agentSocket } });
    for (const id of identities.usable) methods.push({ label: id.file, method: { type: 'publickey', username: spec.user, key: id.key } });

    session.ready = new Promise<void>((resolve, reject) => {
      const fail = (failure: SshFailure, err: unknown) => {
        this.forget(session);
        reject(this.failure(failure, err));
      };
      if (methods.length === 0) {
        fail({ kind: 'noIdentity', user: spec.user, locked: identities.locked }, new Error('no ssh-agent and no key in ~/.ssh'));
        return;
      }
      client.on('ready', () => {
        loggedIn = true;
        if (!this.disposed) return resolve();
        client.end(); // the client was replaced while this connection was being made
        reject(this.closedError());
      });
      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (loggedIn) return; // a broken connection: its channels close and the requests on them fail
        if (err.level === 'agent' || (err.level === 'client-authentication' && !/All configured authentication methods failed/.test(err.message))) {
          // one method failed (a stale SSH_AUTH_SOCK, a key the agent cannot sign with): ssh2 goes on with the next
          tried[tried.length - 1] += ` (${err.message})`;
          return;
        }
        fail(this.classify(err, verdict, tried, identities.locked), err);
      });
      client.on('close', () => {
        this.forget(session);
        if (!loggedIn) reject(this.failure({ kind: 'other' }, new Error('the SSH server closed the connection')));
      });
      const config: ConnectConfig = {
        host,
        port,
        username: spec.user,
        readyTimeout: SSH_READY_TIMEOUT_MS,
        keepaliveInterval: KEEPALIVE_MS,
        keepaliveCountMax: 3,
        hostVerifier: (key: Buffer) => {
          verdict = { check: checkHostKey(known, host, port, key), key };
          return verdict.check.status === 'known';
        },
        authHandler: (_left, _partial, next) => {
          const m = methods.shift();
          if (m) tried.push(m.label);
          next((m?.method ?? false) as never);
        },
      };
      const preferred = preferredHostKeyAlgorithms(known, host, port);
      if (preferred.length) config.algorithms = { serverHostKey: { prepend: preferred } as never };
      try {
        client.connect(config);
      } catch (err) {
        fail({ kind: 'other' }, err);
      }
    });
    session.ready.catch(() => undefined);
    return session;
  }

  /** For calls on a client that was replaced (a switch of engines): nobody is shown it. */
  private closedError(): DockerError {
    return new DockerError('cancelled', l10n.t('Cancelled.'), 'the connection was closed');
  }

  /** ssh2's errors, with what the transport knows (the host key verdict, the keys tried), as a failure with its own message. */
  private classify(err: Error & { level?: string; code?: string }, verdict: { check: HostKeyVerdict; key: Buffer } | undefined, tried: string[], locked: string[]): SshFailure {
    const { host, port, spec } = this.target;
    if (verdict && verdict.check.status !== 'known') {
      const hostName = knownHostName(host, port);
      const keyType = keyTypeOf(verdict.key);
      const fp = fingerprint(verdict.key);
      switch (verdict.check.status) {
        case 'changed':
          return { kind: 'hostKeyChanged', hostName, keyType, fingerprint: fp, recordedAt: verdict.check.source };
        case 'revoked':
          return { kind: 'hostKeyRevoked', hostName, fingerprint: fp, recordedAt: verdict.check.source };
        case 'unknown': {
          const sshCommand = `ssh ${port === 22 ? '' : `-p ${port} `}${spec.user}@${host}`;
          return { kind: 'hostKeyUnknown', hostName, keyType, fingerprint: fp, knownHostsFile: spec.knownHostsFiles[0], sshCommand };
        }
      }
    }
    if (err.level === 'client-authentication') return { kind: 'authRefused', user: spec.user, tried, locked };
    if (err.level === 'client-timeout') return { kind: 'timeout' };
    if (err.level === 'client-socket' || err.level === 'client-dns') return { kind: 'noServer' };
    return { kind: 'other' };
  }

  private failure(failure: SshFailure, err: unknown): DockerError {
    return sshError(failure, this.target.label, (err as Error)?.message ?? String(err));
  }
}

/** An http.Agent whose connections come from `dial`; idle ones are kept for the next request. */
class DialStdioAgent extends http.Agent {
  constructor(private readonly dialer: () => Promise<Duplex>) {
    super({ keepAlive: true, maxFreeSockets: 4 });
  }

  // called by http.Agent for each new connection; answering through the callback makes it asynchronous
  createConnection(_options: unknown, callback: (err: Error | null, socket?: Duplex) => void): undefined {
    this.dialer().then(
      (socket) => callback(null, socket),
      (err: Error) => callback(err),
    );
    return undefined;
  }
}

/**
 * An exec channel dressed as the socket http expects. When `dial-stdio` fails on
 * the far side (no docker there, its engine down), the request fails with what
 * it printed rather than with "socket hang up".
 */
class ChannelSocket extends Duplex {
  private stderr = '';
  private exitCode: number | undefined;

  constructor(
    private readonly channel: ClientChannel,
    failure: (output: string) => Error,
  ) {
    super({ allowHalfOpen: false });
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000)));
    channel.on('exit', (code: number | null) => (this.exitCode = code ?? undefined));
    channel.on('error', (err: Error) => this.destroy(err));
    channel.on('close', () => {
      if (this.exitCode) this.destroy(failure(this.stderr.trim() || `exit code ${this.exitCode}`));
      else this.push(null);
    });
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.channel.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.end();
    callback();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.channel.close();
    callback(err);
  }

  // what http and http.Agent call on a net.Socket; the SSH connection has its own keepalive and the client its timeouts
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

function readKnownHosts(files: string[]): KnownHostEntry[] {
  return files.flatMap((file) => {
    try {
      return parseKnownHosts(fs.readFileSync(file, 'utf8'), file);
    } catch {
      return [];
    }
  });
}

/** The keys ssh2 can use; those that need a passphrase are named in the message if login fails. */
function readIdentities(files: string[]): { usable: { file: string; key: Buffer }[]; locked: string[] } {
  const usable: { file: string; key: Buffer }[] = [];
  const locked: string[] = [];
  for (const file of files) {
    let key: Buffer;
    try {
      key = fs.readFileSync(file);
    } catch {
      continue;
    }
    const parsed = sshUtils.parseKey(key);
    if (parsed instanceof Error) {
      if (/passphrase|encrypted/i.test(parsed.message)) locked.push(file);
      continue;
    }
    usable.push({ file, key });
  }
  return { usable, locked };
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  const aborted = () => Object.assign(new Error('aborted'), { name: 'AbortError' });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
