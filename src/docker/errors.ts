/**
 * Errors from the engine, mapped to what a user can act on. The daemon's own
 * reason is always kept; the message says what happened and what to do next.
 */
import * as l10n from '@vscode/l10n';

export type DockerErrorKind =
  | 'notRunning' // ENOENT / ECONNREFUSED: nothing listens at the endpoint
  | 'permission' // EACCES on the socket
  | 'timeout'
  | 'cancelled'
  | 'unreachable' // host not found, network down, connection reset
  | 'tls'
  | 'ssh'
  | 'badEndpoint'
  | 'notFound' // 404
  | 'conflict' // 409
  | 'notModified' // 304: already started / stopped
  | 'api'; // any other answer from the daemon

export class DockerError extends Error {
  constructor(
    readonly kind: DockerErrorKind,
    message: string,
    /** The daemon's (or the system's) own words, untranslated. */
    readonly reason: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DockerError';
  }

  /** True when the engine could not be reached at all (as opposed to an answer that says no). */
  get isConnectionError(): boolean {
    return ['notRunning', 'permission', 'timeout', 'unreachable', 'tls', 'ssh', 'badEndpoint'].includes(this.kind);
  }
}

interface RawError {
  code?: string;
  errno?: number;
  name?: string;
  statusCode?: number;
  reason?: string;
  message?: string;
  json?: { message?: string } | string | null;
  level?: string; // ssh2: 'client-authentication', 'client-socket', ...
}

/** Maps anything dockerode, docker-modem, node's net/tls or ssh2 throws to a DockerError. */
export function toDockerError(err: unknown, endpoint: string): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err ?? {}) as RawError;
  if (typeof e.statusCode === 'number') return fromStatus(e.statusCode, daemonMessage(e));
  const reason = String(e.message ?? err);
  const code = e.code ?? '';
  if (e.name === 'AbortError' || code === 'ABORT_ERR') {
    return new DockerError('cancelled', l10n.t('Cancelled.'), reason);
  }
  switch (code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
      return new DockerError(
        'notRunning',
        l10n.t('The Docker daemon is not running at {0} ({1}). Start Docker, or point Docker Deck at another engine with the setting "dockerDeck.host".', endpoint, code),
        reason,
      );
    case 'EACCES':
    case 'EPERM':
      return new DockerError(
        'permission',
        l10n.t('No permission to use the Docker socket {0} ({1}). Add your user to the "docker" group (then log in again), or use a rootless engine.', endpoint, code),
        reason,
      );
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'DOCKER_DECK_TIMEOUT':
      return new DockerError('timeout', l10n.t('The Docker engine at {0} did not answer in time.', endpoint), reason);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case 'EPIPE':
      return new DockerError('unreachable', l10n.t('Cannot reach the Docker engine at {0}: {1}.', endpoint, reason), reason);
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code) || /ssl|tls|certificate/i.test(reason)) {
    return new DockerError('tls', l10n.t('TLS connection to {0} failed: {1}.', endpoint, reason), reason);
  }
  if (e.level?.startsWith('client-')) {
    return new DockerError('ssh', l10n.t('SSH connection to {0} failed: {1}.', endpoint, reason), reason);
  }
  return new DockerError('api', l10n.t('The Docker engine at {0} failed: {1}', endpoint, reason), reason);
}

function daemonMessage(e: RawError): string {
  if (e.json && typeof e.json === 'object' && e.json.message) return e.json.message;
  if (typeof e.json === 'string' && e.json.trim()) return e.json.trim();
  return e.reason ?? e.message ?? String(e.statusCode);
}

function fromStatus(status: number, reason: string): DockerError {
  switch (status) {
    case 304:
      return new DockerError('notModified', l10n.t('Nothing to do: {0}', reason), reason, status);
    case 404:
      return new DockerError('notFound', l10n.t('Not found: {0}', reason), reason, status);
    case 409:
      return new DockerError('conflict', l10n.t('Refused by the engine: {0}', reason), reason, status);
    default:
      return new DockerError('api', l10n.t('The engine answered {0}: {1}', status, reason), reason, status);
  }
}

/** A timeout as its own error, so callers can tell it from the daemon's answers. */
export function timeoutError(what: string, ms: number): Error {
  return Object.assign(new Error(`${what}: no answer after ${ms} ms`), { code: 'DOCKER_DECK_TIMEOUT' });
}
