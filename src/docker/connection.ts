/**
 * Where the engine is, decided in one place, by the docker CLI's rules, and the
 * dockerode modem that talks to it.
 */
import Modem = require('docker-modem');
import { DEFAULT_UNIX_SOCKET, Endpoint, formatEndpoint, parseDockerHost } from '../core/endpoint';
import { DockerError } from './errors';
import * as l10n from '@vscode/l10n';

export type ConnectionSource = 'setting' | 'DOCKER_HOST' | 'default';

export interface ResolvedConnection {
  endpoint: Endpoint;
  /** the endpoint as a URL, for users */
  label: string;
  source: ConnectionSource;
  /** set when the configuration names no usable endpoint: every call fails with it */
  error?: DockerError;
}

export interface ConnectionInputs {
  /** `dockerDeck.host` */
  hostSetting?: string;
  env: Record<string, string | undefined>;
}

/** The setting, else DOCKER_HOST, else the default socket. A malformed host comes back with its error. */
export function resolveConnection(inputs: ConnectionInputs): ResolvedConnection {
  const candidates: [ConnectionSource, string | undefined][] = [
    ['setting', inputs.hostSetting],
    ['DOCKER_HOST', inputs.env.DOCKER_HOST],
  ];
  for (const [source, value] of candidates) {
    if (!value?.trim()) continue;
    const parsed = parseDockerHost(value);
    if (!parsed.ok) {
      const where = source === 'setting' ? 'dockerDeck.host' : 'DOCKER_HOST';
      const error = new DockerError('badEndpoint', l10n.t('{0} (from {1}). Fix it and retry.', parsed.error, where), parsed.error);
      return { endpoint: { kind: 'unix', socketPath: DEFAULT_UNIX_SOCKET }, label: value.trim(), source, error };
    }
    return { endpoint: parsed.value, label: formatEndpoint(parsed.value), source };
  }
  const endpoint: Endpoint = { kind: 'unix', socketPath: DEFAULT_UNIX_SOCKET };
  return { endpoint, label: formatEndpoint(endpoint), source: 'default' };
}

/**
 * docker-modem reads DOCKER_HOST, DOCKER_CERT_PATH and friends itself when it is
 * constructed, and throws on values it does not like, whatever options it is
 * given. Docker Deck resolves the endpoint itself, so the modem is built with
 * those variables out of sight (synchronously, so nothing else can observe it).
 */
const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'];

export function createModem(conn: ResolvedConnection): Modem {
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of MODEM_ENV) delete process.env[k];
  try {
    return new Modem(modemOptions(conn.endpoint));
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

function modemOptions(e: Endpoint): Modem.ConstructorOptions {
  switch (e.kind) {
    case 'unix':
      return { socketPath: e.socketPath };
    case 'npipe':
      return { socketPath: e.pipePath };
    case 'tcp':
      return { host: e.host, port: e.port, protocol: 'http' };
    case 'ssh':
      return { host: e.host, port: e.port, protocol: 'ssh', username: e.user };
  }
}
