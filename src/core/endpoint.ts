/**
 * Docker endpoints as the docker CLI writes them (`DOCKER_HOST`, `docker -H`,
 * a context's `Endpoints.docker.Host`): parsed into something a transport can use.
 */
import * as l10n from '@vscode/l10n';

export type Endpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; pipePath: string }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'ssh'; host: string; port: number; user?: string };

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
export const DEFAULT_NPIPE = '//./pipe/docker_engine';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses a docker host URL the way the CLI does (opts.ParseHost): `unix://path`,
 * `npipe:////./pipe/x`, `tcp://host:port` (a bare `host:port` means tcp), `ssh://[user@]host[:port]`.
 */
export function parseDockerHost(value: string): ParseResult<Endpoint> {
  const raw = value.trim();
  const invalid = (why: string): ParseResult<Endpoint> => ({
    ok: false,
    error: l10n.t('"{0}" is not a valid Docker host: {1}', raw, why),
  });
  if (!raw) return invalid(l10n.t('it is empty'));
  const schemeMatch = /^([a-z]+):\/\//i.exec(raw);
  const scheme = schemeMatch ? schemeMatch[1].toLowerCase() : 'tcp';
  const rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw;
  switch (scheme) {
    case 'unix':
      return { ok: true, value: { kind: 'unix', socketPath: rest || DEFAULT_UNIX_SOCKET } };
    case 'npipe':
      return { ok: true, value: { kind: 'npipe', pipePath: rest || DEFAULT_NPIPE } };
    case 'tcp':
    case 'http':
    case 'https':
    case 'ssh':
      return parseNetworkHost(scheme === 'ssh' ? 'ssh' : 'tcp', rest, invalid);
    default:
      return invalid(l10n.t('unsupported scheme "{0}" (use unix://, tcp://, ssh:// or npipe://)', scheme));
  }
}

function parseNetworkHost(
  kind: 'tcp' | 'ssh',
  rest: string,
  invalid: (why: string) => ParseResult<Endpoint>,
): ParseResult<Endpoint> {
  let url: URL;
  try {
    url = new URL(`${kind}://${rest}`);
  } catch {
    return invalid(l10n.t('expected {0}', kind === 'ssh' ? 'ssh://[user@]host[:port]' : 'tcp://host:port'));
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return invalid(l10n.t('no host name'));
  if (url.pathname && url.pathname !== '/') {
    return invalid(l10n.t('a path is not allowed here ("{0}")', url.pathname));
  }
  if (kind === 'ssh') {
    const port = url.port ? Number(url.port) : 22;
    return { ok: true, value: { kind: 'ssh', host, port, user: url.username ? decodeURIComponent(url.username) : undefined } };
  }
  if (!url.port) return invalid(l10n.t('no port (the daemon usually listens on 2375, or 2376 with TLS)'));
  return { ok: true, value: { kind: 'tcp', host, port: Number(url.port) } };
}

/** The endpoint written back as a URL, for the status bar, the log and messages. */
export function formatEndpoint(e: Endpoint): string {
  switch (e.kind) {
    case 'unix':
      return `unix://${e.socketPath}`;
    case 'npipe':
      return `npipe://${e.pipePath}`;
    case 'tcp':
      return `tcp://${hostPort(e.host, e.port)}`;
    case 'ssh':
      return `ssh://${e.user ? `${e.user}@` : ''}${e.port === 22 ? bracket(e.host) : hostPort(e.host, e.port)}`;
  }
}

const bracket = (host: string) => (host.includes(':') ? `[${host}]` : host);
const hostPort = (host: string, port: number) => `${bracket(host)}:${port}`;
