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

/** The daemon's own words for its answers; the whole explanation when it could not be reached. */
export const reasonOf = (e: Error): string => (e instanceof DockerError && !e.isConnectionError ? e.reason : e.message);

interface RawError {
  code?: string;
  errno?: number;
  name?: string;
  statusCode?: number;
  reason?: string;
  message?: string;
  json?: { message?: string } | string | Buffer | null;
  level?: string; // ssh2: 'client-authentication', 'client-socket', ...
}

/** Maps anything dockerode, docker-modem, node's net/tls or ssh2 throws to a DockerError. */
export function toDockerError(err: unknown, endpoint: string): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err ?? {}) as RawError;
  if (typeof e.statusCode === 'number') {
    const said = daemonMessage(e);
    if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(said)) {
      return new DockerError(
        'tls',
        l10n.t('The Docker engine at {0} expects TLS, but Docker Deck connected without it. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or use a context that has the TLS files (docker context create --docker "host=...,ca=...,cert=...,key=...").', endpoint),
        said,
        e.statusCode,
      );
    }
    return fromStatus(e.statusCode, said);
  }
  const reason = String(e.message ?? err);
  const code = e.code ?? '';
  if (e.name === 'AbortError' || code === 'ABORT_ERR') {
    return new DockerError('cancelled', l10n.t('Cancelled.'), reason);
  }
  const tls = tlsError(code, reason, endpoint);
  if (tls) return tls;
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

/** TLS failures, each with what to check: the CA, the host name, the dates, the client certificate, TLS itself. */
function tlsError(code: string, reason: string, endpoint: string): DockerError | undefined {
  const make = (message: string) => new DockerError('tls', message, reason);
  if (/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED)$/.test(code)) {
    return make(l10n.t('The Docker engine at {0} presented a certificate that the trusted CA did not sign ({1}). Check that ca.pem (DOCKER_CERT_PATH or the context\'s TLS files) is the CA of the engine\'s certificate.', endpoint, reason));
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return make(l10n.t('The certificate of the Docker engine at {0} is not valid for that host name ({1}). Connect with a name the certificate lists, or issue a certificate for this one.', endpoint, reason));
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return make(l10n.t('The certificate of the Docker engine at {0} is expired or not yet valid ({1}). Renew it, or check this machine\'s clock.', endpoint, reason));
  }
  if (/ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED)$/.test(code)) {
    return make(l10n.t('The Docker engine at {0} refused Docker Deck\'s client certificate ({1}). It needs cert.pem and key.pem signed by its CA (DOCKER_CERT_PATH or the context\'s TLS files).', endpoint, reason));
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || (code === 'EPROTO' && /wrong version number|packet length/i.test(reason))) {
    return make(l10n.t('The Docker engine at {0} does not speak TLS on that port ({1}). Connect without TLS (unset DOCKER_TLS_VERIFY, or a context without TLS files), or use the engine\'s TLS port.', endpoint, reason));
  }
  return undefined;
}

/** Reading the TLS files named by the configuration failed. */
export function tlsFileError(file: string, err: unknown, endpoint: string): DockerError {
  const reason = (err as Error)?.message ?? String(err);
  return new DockerError('tls', l10n.t('Cannot read the TLS file {0} to connect to {1}: {2}.', file, endpoint, reason), reason);
}

/** What the SSH transport can say went wrong; each case gets a message of its own. */
export type SshFailure =
  | { kind: 'hostKeyUnknown'; hostName: string; keyType: string; fingerprint: string; knownHostsFile: string; sshCommand: string }
  | { kind: 'hostKeyChanged'; hostName: string; keyType: string; fingerprint: string; recordedAt: string }
  | { kind: 'hostKeyRevoked'; hostName: string; fingerprint: string; recordedAt: string }
  | { kind: 'authRefused'; user: string; tried: string[]; locked: string[] }
  | { kind: 'noIdentity'; user: string; locked: string[] }
  | { kind: 'noServer' }
  | { kind: 'timeout' }
  | { kind: 'dialStdio'; output: string }
  | { kind: 'other' };

export function sshError(failure: SshFailure, endpoint: string, reason: string): DockerError {
  const locked = (files: string[]) =>
    files.length ? ' ' + l10n.t('{0} needs a passphrase: add it to ssh-agent with `ssh-add`.', files.join(', ')) : '';
  let message: string;
  let kind: DockerErrorKind = 'ssh';
  switch (failure.kind) {
    case 'hostKeyUnknown':
      message = l10n.t(
        'The SSH host key of {0} is not known ({1} {2} is not in {3}). Docker Deck never accepts an unknown host key: check the fingerprint and record it by connecting once with `{4}`, then retry.',
        failure.hostName, failure.keyType, failure.fingerprint, failure.knownHostsFile, failure.sshCommand,
      );
      break;
    case 'hostKeyChanged':
      message = l10n.t(
        'The SSH host key of {0} has CHANGED: the server offered {1} {2}, but {3} records another key. Someone may be intercepting the connection, or the host was reinstalled. If you know the change is expected, remove the old key with `ssh-keygen -R "{0}"` and retry.',
        failure.hostName, failure.keyType, failure.fingerprint, failure.recordedAt,
      );
      break;
    case 'hostKeyRevoked':
      message = l10n.t('The SSH host key {1} of {0} is marked @revoked ({2}). Docker Deck refuses to connect.', failure.hostName, failure.fingerprint, failure.recordedAt);
      break;
    case 'authRefused':
      message = l10n.t('SSH login to {0} as "{1}" was refused (tried {2}). Add your public key to ~/.ssh/authorized_keys on that host, or load the right key into ssh-agent.', endpoint, failure.user, failure.tried.join(', ')) + locked(failure.locked);
      break;
    case 'noIdentity':
      message = l10n.t('No SSH key to log in to {0} as "{1}": SSH_AUTH_SOCK is not set and ~/.ssh has no id_ed25519, id_ecdsa or id_rsa. Create a key with ssh-keygen, or start ssh-agent and add one.', endpoint, failure.user) + locked(failure.locked);
      break;
    case 'noServer':
      kind = 'unreachable';
      message = l10n.t('No SSH server answers at {0} ({1}). Check the host name and port, and that sshd runs there.', endpoint, reason);
      break;
    case 'timeout':
      kind = 'timeout';
      message = l10n.t('The SSH server at {0} did not complete the connection in time ({1}).', endpoint, reason);
      break;
    case 'dialStdio':
      message = l10n.t('SSH login to {0} works, but `docker system dial-stdio` failed there: {1}. The docker CLI must be installed on that host and able to reach its engine.', endpoint, failure.output);
      break;
    default:
      message = l10n.t('SSH connection to {0} failed: {1}.', endpoint, reason);
  }
  return new DockerError(kind, message, reason);
}

function daemonMessage(e: RawError): string {
  // an answer that is not JSON comes as a Buffer (a TLS port answering plain HTTP)
  if (Buffer.isBuffer(e.json) && e.json.toString('utf8').trim()) return e.json.toString('utf8').trim();
  if (e.json && typeof e.json === 'object' && !Buffer.isBuffer(e.json) && e.json.message) return e.json.message;
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
