/**
 * Where the engine is, decided in one place by the docker CLI's rules
 * (src/core/dockerContext.ts), and the transport that reaches it: a unix socket
 * or named pipe, TCP, TCP with TLS, or SSH to `docker system dial-stdio`.
 */
import Modem = require('docker-modem');
import { inspect } from 'util';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type * as net from 'net';
import { EngineTarget, FileReader, resolveEngineTarget, ResolutionInputs } from '../core/dockerContext';
import { DockerError, tlsFileError } from './errors';
import { SshTransport } from './sshAgent';

/** Where resolution looks: the environment, the home directory (for ~/.docker and ~/.ssh), the user. */
export type ConnectionEnvironment = Pick<ResolutionInputs, 'env' | 'homeDir' | 'username' | 'platform'>;

export interface ConnectionSettings {
  /** `dockerDeck.host` */
  hostSetting?: string;
  /** `dockerDeck.context` */
  contextSetting?: string;
}

export interface ResolvedConnection extends Omit<EngineTarget, 'error'> {
  /** set when the configuration names no usable endpoint: every call fails with it */
  error?: DockerError;
  /** something the CLI would warn about (an unreadable config.json) */
  warning?: string;
}

/** The disk as resolution reads it: small files, read synchronously. */
export const diskReader: FileReader = {
  read(file) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (file) => fs.existsSync(file),
  list(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/** The engine Docker Deck should talk to now, with the error that stops it, if any. */
export function resolveConnection(settings: ConnectionSettings, environment: ConnectionEnvironment, files: FileReader = diskReader): ResolvedConnection {
  const { error, ...target } = resolveEngineTarget({ ...settings, ...environment, files });
  return { ...target, error: error && new DockerError(error.kind, error.message, error.message) };
}

/** What a DockerClient talks through; `ready` resolves once a connection can carry requests. */
export interface Transport {
  modem: Modem;
  /** A plain request on the same connections as the modem's (same agent, same endpoint). */
  request(options: http.RequestOptions, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest;
  /** waits for the session a transport keeps (SSH); resolves at once for the others */
  ready(signal?: AbortSignal): Promise<void>;
  dispose(): void;
}

/**
 * docker-modem reads DOCKER_HOST, DOCKER_CERT_PATH and friends itself when it is
 * constructed, and throws on values it does not like, whatever options it is
 * given. Docker Deck resolves the endpoint itself, so the modem is built with
 * those variables out of sight (synchronously, so nothing else can observe it).
 */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'];

function createModem(options: Modem.ConstructorOptions): Modem {
  if (options.agent) cheapToInspect(options.agent);
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of MODEM_ENV) delete process.env[k];
  try {
    return new Modem(options);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

/**
 * docker-modem builds a debug line for every request with
 * `util.inspect(options, { showHidden: true, depth: null })`, even when debug
 * output is off. The options hold the agent and the request's AbortSignal: with
 * the agent, that walks every socket the agent holds, tens of milliseconds per
 * request under load (100 removes took 5 s instead of 0.3 s). Objects that
 * describe themselves in one word cost nothing.
 */
export function cheapToInspect<T extends object>(o: T): T {
  return Object.defineProperty(o, inspect.custom, { value: () => `[${o.constructor.name}]` });
}

const ready = () => Promise.resolve();

export function openTransport(conn: ResolvedConnection): Transport {
  const e = conn.endpoint;
  switch (e.kind) {
    case 'unix':
      return localTransport(e.socketPath);
    case 'npipe':
      return localTransport(e.pipePath);
    case 'tcp':
      return conn.tls ? tlsTransport(conn, e.host, e.port) : agentTransport(new http.Agent({ keepAlive: true }), e.host, e.port, 'http');
    case 'ssh': {
      const ssh = new SshTransport({ host: e.host, port: e.port, spec: conn.ssh!, label: conn.label });
      return transport({ host: e.host, port: e.port, agent: ssh.agent }, 'http', (signal) => ssh.ready(signal), () => ssh.dispose());
    }
  }
}

/** The modem and plain requests, both on one endpoint and agent. */
function transport(endpoint: Endpoint, protocol: 'http' | 'https', ready: Transport['ready'], dispose: () => void): Transport {
  const module = protocol === 'https' ? https : http;
  return {
    modem: createModem({ ...endpoint, protocol }),
    request: (options, onResponse) => module.request({ ...endpoint, ...options }, onResponse),
    ready,
    dispose,
  };
}

type Endpoint = { socketPath: string; agent: http.Agent } | { host: string; port: number; agent?: http.Agent };

/**
 * Connections to a socket or pipe are kept for a moment and reused: bulk work
 * (100 removes) then costs the engine, and the busy extension host, no new
 * connection per request. An idle connection is closed after 2 s, so none is
 * left to go stale for long; one closed by a daemon that stops leaves the pool at
 * once, and the next request says "not running" (ENOENT).
 */
function localTransport(socketPath: string): Transport {
  const agent = new IdleClosingAgent();
  return transport({ socketPath, agent }, 'http', ready, () => agent.destroy());
}

const IDLE_SOCKET_MS = 2_000;

class IdleClosingAgent extends http.Agent {
  constructor() {
    super({ keepAlive: true });
  }

  // the agent destroys a free socket whose timeout fires; a socket in use has none
  override keepSocketAlive(socket: net.Socket): boolean {
    const keep = (super.keepSocketAlive as (s: net.Socket) => boolean)(socket);
    if (keep) socket.setTimeout(IDLE_SOCKET_MS);
    return keep;
  }

  override reuseSocket(socket: net.Socket, req: http.ClientRequest): void {
    socket.setTimeout(0);
    super.reuseSocket(socket, req);
  }
}

function agentTransport(agent: http.Agent, host: string, port: number, protocol: 'http' | 'https'): Transport {
  return transport({ host, port, agent }, protocol, ready, () => agent.destroy());
}

/** TLS with the configured CA (the system's otherwise), client certificate and key; the server is verified unless the context skips it. */
function tlsTransport(conn: ResolvedConnection, host: string, port: number): Transport {
  const spec = conn.tls!;
  const material: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  for (const name of ['ca', 'cert', 'key'] as const) {
    const file = spec[name];
    if (!file) continue;
    try {
      material[name] = fs.readFileSync(file);
    } catch (err) {
      const error = tlsFileError(file, err, conn.label);
      return transport({ host, port }, 'https', () => Promise.reject(error), () => undefined);
    }
  }
  return agentTransport(new https.Agent({ keepAlive: true, rejectUnauthorized: spec.verify, ...material }), host, port, 'https');
}
