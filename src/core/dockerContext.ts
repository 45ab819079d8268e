/**
 * Which engine to talk to, decided by the docker CLI's rules without touching the
 * disk (files are read through the functions given): Docker Deck's settings, then
 * `DOCKER_HOST`, `DOCKER_CONTEXT`, the config's `currentContext`, the default
 * socket. Contexts are read as the CLI stores them under its config dir:
 * `contexts/meta/<sha256 of name>/meta.json` and `contexts/tls/<same>/docker/*.pem`.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'crypto';
import * as path from 'path';
import { DEFAULT_NPIPE, DEFAULT_UNIX_SOCKET, Endpoint, formatEndpoint, parseDockerHost, ParseResult } from './endpoint';

/** Read-only access to the disk, given by the caller (fs in the extension, a map in tests). */
export interface FileReader {
  /** the text of a file, undefined when it does not exist or cannot be read */
  read(file: string): string | undefined;
  exists(file: string): boolean;
  /** the names in a directory, [] when it does not exist */
  list(dir: string): string[];
}

export interface ResolutionInputs {
  /** `dockerDeck.host` */
  hostSetting?: string;
  /** `dockerDeck.context` */
  contextSetting?: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** the local user name, for `ssh://host` without a user */
  username: string;
  platform: NodeJS.Platform;
  files: FileReader;
}

export type EndpointSource = 'setting' | 'settingContext' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'currentContext' | 'default';

/** TLS as the CLI would set it up; the files listed exist. */
export interface TlsSpec {
  /** verify the server's certificate (false: a context's SkipTLSVerify) */
  verify: boolean;
  /** the CA to trust; the system's roots when absent */
  ca?: string;
  cert?: string;
  key?: string;
}

/** What an `ssh://` endpoint needs from the local machine, as OpenSSH would find it. */
export interface SshSpec {
  user: string;
  /** `SSH_AUTH_SOCK` */
  agentSocket?: string;
  /** tried in this order after the agent */
  identityFiles: string[];
  knownHostsFiles: string[];
}

export interface EngineTarget {
  endpoint: Endpoint;
  /** the endpoint as a URL, for users */
  label: string;
  source: EndpointSource;
  /** the context used; `default` for the one built from the environment */
  contextName: string;
  tls?: TlsSpec;
  ssh?: SshSpec;
  /** set when no connection can be made: what is wrong and what to do */
  error?: { kind: 'badEndpoint' | 'tls'; message: string };
}

export interface ContextInfo {
  name: string;
  description?: string;
  /** the docker endpoint's host, as written */
  host: string;
  skipTLSVerify: boolean;
}

export const DEFAULT_CONTEXT = 'default';
const KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];
const WINDOWS_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent';

/** The directory name of a context under `contexts/meta` and `contexts/tls`. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** `DOCKER_CONFIG`, else `~/.docker`. */
export function dockerConfigDir(env: ResolutionInputs['env'], homeDir: string): string {
  return env.DOCKER_CONFIG?.trim() || path.join(homeDir, '.docker');
}

/** A context's `meta.json`: its name, description and docker endpoint. */
export function parseContextMeta(text: string): ParseResult<ContextInfo> {
  let meta: { Name?: unknown; Metadata?: { Description?: unknown }; Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: l10n.t('it is not valid JSON ({0})', (e as Error).message) };
  }
  if (typeof meta?.Name !== 'string' || !meta.Name) return { ok: false, error: l10n.t('it has no name') };
  const docker = meta.Endpoints?.docker;
  if (typeof docker?.Host !== 'string' || !docker.Host) return { ok: false, error: l10n.t('context "{0}" has no Docker endpoint', meta.Name) };
  const description = typeof meta.Metadata?.Description === 'string' && meta.Metadata.Description ? meta.Metadata.Description : undefined;
  return { ok: true, value: { name: meta.Name, description, host: docker.Host, skipTLSVerify: docker.SkipTLSVerify === true } };
}

/** The contexts the CLI knows (`docker context ls`, without the default one), sorted by name. */
export function listContexts(inputs: Pick<ResolutionInputs, 'env' | 'homeDir' | 'files'>): { contexts: ContextInfo[]; problems: string[] } {
  const metaDir = path.join(dockerConfigDir(inputs.env, inputs.homeDir), 'contexts', 'meta');
  const contexts: ContextInfo[] = [];
  const problems: string[] = [];
  for (const id of inputs.files.list(metaDir)) {
    const file = path.join(metaDir, id, 'meta.json');
    const text = inputs.files.read(file);
    if (text === undefined) continue;
    const parsed = parseContextMeta(text);
    if (parsed.ok) contexts.push(parsed.value);
    else problems.push(`${file}: ${parsed.error}`);
  }
  contexts.sort((a, b) => a.name.localeCompare(b.name));
  return { contexts, problems };
}

/** The name of the context the CLI would use (`docker context show`), and where that came from. */
export function currentContextName(inputs: Pick<ResolutionInputs, 'env' | 'homeDir' | 'files'>): { name: string; source: EndpointSource; warning?: string } {
  const fromEnv = inputs.env.DOCKER_CONTEXT?.trim();
  if (inputs.env.DOCKER_HOST?.trim()) return { name: DEFAULT_CONTEXT, source: 'DOCKER_HOST' };
  if (fromEnv) return { name: fromEnv, source: 'DOCKER_CONTEXT' };
  const configFile = path.join(dockerConfigDir(inputs.env, inputs.homeDir), 'config.json');
  const text = inputs.files.read(configFile);
  if (text !== undefined) {
    try {
      const current = (JSON.parse(text) as { currentContext?: unknown })?.currentContext;
      if (typeof current === 'string' && current) return { name: current, source: 'currentContext' };
    } catch (e) {
      // the CLI warns and goes on without the file
      return { name: DEFAULT_CONTEXT, source: 'default', warning: `${configFile}: ${(e as Error).message}` };
    }
  }
  return { name: DEFAULT_CONTEXT, source: 'default' };
}

/**
 * The engine to talk to. Order: `dockerDeck.host`, `dockerDeck.context`,
 * `DOCKER_HOST`, `DOCKER_CONTEXT`, the config's `currentContext`, the default
 * socket. A target that cannot work comes back with its `error`.
 */
export function resolveEngineTarget(inputs: ResolutionInputs): EngineTarget & { warning?: string } {
  const host = inputs.hostSetting?.trim();
  if (host) return hostTarget(inputs, host, 'setting');
  const fromSetting = inputs.contextSetting?.trim();
  if (fromSetting) return contextTarget(inputs, fromSetting, 'settingContext');
  const current = currentContextName(inputs);
  return { ...contextTarget(inputs, current.name, current.source), warning: current.warning };
}

/** The target of a context by name (`default`: the environment's). */
export function contextTarget(inputs: ResolutionInputs, name: string, source: EndpointSource): EngineTarget {
  if (name === DEFAULT_CONTEXT) {
    const envHost = inputs.env.DOCKER_HOST?.trim();
    if (envHost) return hostTarget(inputs, envHost, source === 'settingContext' ? source : 'DOCKER_HOST');
    return withSsh(inputs, { ...defaultSocket(inputs.platform), source, contextName: DEFAULT_CONTEXT });
  }
  const configDir = dockerConfigDir(inputs.env, inputs.homeDir);
  const id = contextId(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', id, 'meta.json');
  const text = inputs.files.read(metaFile);
  const fail = (message: string): EngineTarget => ({ ...defaultSocket(inputs.platform), label: name, source, contextName: name, error: { kind: 'badEndpoint', message } });
  if (text === undefined) {
    return fail(
      l10n.t('The Docker context "{0}" (from {1}) does not exist in {2}. Choose another with "Docker Deck: Use Docker Context", or see `docker context ls`.', name, sourceName(source), configDir),
    );
  }
  const meta = parseContextMeta(text);
  if (!meta.ok) return fail(l10n.t('The Docker context "{0}" cannot be read from {1}: {2}.', name, metaFile, meta.error));
  const parsed = parseDockerHost(meta.value.host);
  if (!parsed.ok) return fail(l10n.t('The Docker context "{0}": {1}. Fix it with `docker context update`.', name, parsed.error));
  const endpoint = parsed.value;
  const target: EngineTarget = { endpoint, label: formatEndpoint(endpoint), source, contextName: name };
  if (endpoint.kind === 'tcp') {
    // the CLI: TLS when the context stores TLS material or skips verification, plain HTTP otherwise
    const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
    const files = existingTlsFiles(inputs.files, tlsDir);
    if (files.ca || files.cert || files.key || meta.value.skipTLSVerify) {
      target.tls = { verify: !meta.value.skipTLSVerify, ...files };
      target.error = pairingError(tlsDir, files);
    }
  }
  return withSsh(inputs, target);
}

/** `dockerDeck.host` or `DOCKER_HOST`, with TLS from `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH` as `docker -H` takes them. */
function hostTarget(inputs: ResolutionInputs, value: string, source: EndpointSource): EngineTarget {
  const parsed = parseDockerHost(value);
  if (!parsed.ok) {
    const where = source === 'setting' ? 'dockerDeck.host' : 'DOCKER_HOST';
    return {
      ...defaultSocket(inputs.platform),
      label: value,
      source,
      contextName: DEFAULT_CONTEXT,
      error: { kind: 'badEndpoint', message: l10n.t('{0} (from {1}). Fix it and retry.', parsed.error, where) },
    };
  }
  const target: EngineTarget = { endpoint: parsed.value, label: formatEndpoint(parsed.value), source, contextName: DEFAULT_CONTEXT };
  if (parsed.value.kind === 'tcp' && inputs.env.DOCKER_TLS_VERIFY) {
    // DOCKER_TLS_VERIFY set to anything non-empty turns TLS on, verifying the server;
    // the CA must be there, the client certificate and key are used when present
    const certDir = inputs.env.DOCKER_CERT_PATH?.trim() || dockerConfigDir(inputs.env, inputs.homeDir);
    const files = existingTlsFiles(inputs.files, certDir);
    target.tls = { verify: true, ...files };
    if (!files.ca) {
      target.error = {
        kind: 'tls',
        message: l10n.t('DOCKER_TLS_VERIFY is set but the CA certificate {0} does not exist. Set DOCKER_CERT_PATH to the directory with ca.pem, cert.pem and key.pem.', path.join(certDir, 'ca.pem')),
      };
    } else {
      target.error = pairingError(certDir, files);
    }
  }
  return withSsh(inputs, target);
}

function existingTlsFiles(files: FileReader, dir: string): Omit<TlsSpec, 'verify'> {
  const found = (name: string) => {
    const file = path.join(dir, name);
    return files.exists(file) ? file : undefined;
  };
  return { ca: found('ca.pem'), cert: found('cert.pem'), key: found('key.pem') };
}

/** A client certificate needs its key and the other way round. */
function pairingError(dir: string, files: Omit<TlsSpec, 'verify'>): EngineTarget['error'] {
  if (files.cert && !files.key) {
    return { kind: 'tls', message: l10n.t('The TLS client certificate {0} has no key: {1} does not exist. Put the key next to it, or remove the certificate to connect without one.', files.cert, path.join(dir, 'key.pem')) };
  }
  if (files.key && !files.cert) {
    return { kind: 'tls', message: l10n.t('The TLS client key {0} has no certificate: {1} does not exist. Put the certificate next to it, or remove the key to connect without one.', files.key, path.join(dir, 'cert.pem')) };
  }
  return undefined;
}

function withSsh(inputs: ResolutionInputs, target: EngineTarget): EngineTarget {
  if (target.endpoint.kind !== 'ssh' || target.error) return target;
  const sshDir = path.join(inputs.homeDir, '.ssh');
  // Windows' OpenSSH agent listens on a named pipe when SSH_AUTH_SOCK is not set
  const agentSocket = inputs.env.SSH_AUTH_SOCK?.trim() || (inputs.platform === 'win32' ? WINDOWS_AGENT_PIPE : undefined);
  const knownHostsFiles = [path.join(sshDir, 'known_hosts'), path.join(sshDir, 'known_hosts2')];
  if (inputs.platform !== 'win32') knownHostsFiles.push('/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2');
  return {
    ...target,
    ssh: {
      user: target.endpoint.user ?? inputs.username,
      agentSocket,
      identityFiles: KEY_FILES.map((f) => path.join(sshDir, f)).filter((f) => inputs.files.exists(f)),
      knownHostsFiles,
    },
  };
}

function defaultSocket(platform: NodeJS.Platform): { endpoint: Endpoint; label: string } {
  const endpoint: Endpoint = platform === 'win32' ? { kind: 'npipe', pipePath: DEFAULT_NPIPE } : { kind: 'unix', socketPath: DEFAULT_UNIX_SOCKET };
  return { endpoint, label: formatEndpoint(endpoint) };
}

/** Where a target came from, as users name it. */
export function sourceName(source: EndpointSource): string {
  switch (source) {
    case 'setting':
      return 'dockerDeck.host';
    case 'settingContext':
      return 'dockerDeck.context';
    case 'currentContext':
      return l10n.t('the docker CLI\'s current context');
    case 'default':
      return l10n.t('the default');
    default:
      return source;
  }
}
