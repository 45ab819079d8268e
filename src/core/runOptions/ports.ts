import * as l10n from '@vscode/l10n';
import { isGoIP, parseGoUint } from './goSyntax';
import type { Parsed } from './types';

/** One container port bound to the host, as the Engine API's PortBindings hold it. */
export interface PortMapping {
  /** `80/tcp` */
  port: string;
  hostIp: string;
  hostPort: string;
}

const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const MAX_PORT = 65535;

/**
 * Parses a `-p` value the way the docker CLI does (go-connections nat.ParsePortSpec,
 * after converting the `target=80,published=8080` long form): `[ip:][hostPort:]containerPort[/proto]`,
 * port ranges, and IPv6 host addresses in brackets. A range expands to one mapping per port.
 */
export function parsePortSpec(spec: string): Parsed<PortMapping[]> {
  const standard = spec.includes('=') ? longSyntaxToStandard(spec) : { ok: true as const, value: spec };
  if (!standard.ok) return standard;
  const { ip: rawIp, hostPort, containerPart } = splitPortParts(standard.value);
  const [proto, containerPort] = splitProtoPort(containerPart);

  const ip = rawIp.startsWith('[') ? unbracket(rawIp) : rawIp;
  if (ip === undefined || (ip !== '' && !isGoIP(ip))) {
    return { ok: false, error: l10n.t('{0} is not a valid IP address.', rawIp) };
  }
  if (containerPort === '') return { ok: false, error: l10n.t('No container port in "{0}".', spec) };
  const container = parsePortRange(containerPort, 1);
  if (!container.ok) return container;
  const host = hostPort === '' ? undefined : parsePortRange(hostPort, 0);
  if (host && !host.ok) return host;
  const hostRange = host?.value;
  const [start, end] = container.value;
  if (hostRange && end - start !== hostRange[1] - hostRange[0] && end !== start) {
    return {
      ok: false,
      error: l10n.t('The host port range {0} and the container port range {1} must have the same size.', hostPort, containerPort),
    };
  }
  const protocol = proto.toLowerCase();
  if (!PROTOCOLS.includes(protocol)) {
    return { ok: false, error: l10n.t('Invalid protocol "{0}": expected tcp, udp or sctp.', proto) };
  }
  return { ok: true, value: expandRange(start, end, hostRange, ip, protocol) };
}

function expandRange(
  start: number,
  end: number,
  hostRange: [number, number] | undefined,
  hostIp: string,
  protocol: string,
): PortMapping[] {
  const mappings: PortMapping[] = [];
  for (let offset = 0; offset <= end - start; offset++) {
    let hostPort = '';
    if (hostRange) {
      // one container port with a host range: the daemon picks a free port within it
      hostPort = start === end && hostRange[0] !== hostRange[1]
        ? `${hostRange[0]}-${hostRange[1]}`
        : `${hostRange[0] + offset}`;
    }
    mappings.push({ port: `${start + offset}/${protocol}`, hostIp, hostPort });
  }
  return mappings;
}

function longSyntaxToStandard(spec: string): Parsed<string> {
  const params: Record<string, string> = { protocol: 'tcp' };
  for (const param of spec.split(',')) {
    const eq = param.indexOf('=');
    if (eq <= 0) {
      return { ok: false, error: l10n.t('Invalid publish option "{0}": expected name=value (target, published, protocol, mode).', param) };
    }
    params[param.slice(0, eq)] = param.slice(eq + 1);
  }
  return { ok: true, value: `${params.published ?? ''}:${params.target ?? ''}/${params.protocol}` };
}

function splitPortParts(raw: string): { ip: string; hostPort: string; containerPart: string } {
  const parts = raw.split(':');
  const n = parts.length;
  if (n === 1) return { ip: '', hostPort: '', containerPart: parts[0] };
  if (n === 2) return { ip: '', hostPort: parts[0], containerPart: parts[1] };
  // an IPv6 address keeps its colons: everything before the last two parts
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2], containerPart: parts[n - 1] };
}

function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1 || parts[1] === '') return ['tcp', parts[0]];
  return [parts[1], parts[0]];
}

function unbracket(ip: string): string | undefined {
  return ip.endsWith(']') ? ip.slice(1, -1) : undefined;
}

/** `8080` or `8080-8090`; `min` is 1 for container ports (0 means nothing there) and 0 for host ports (0: any free port). */
function parsePortRange(text: string, min: number): Parsed<[number, number]> {
  const [first, second, ...extra] = text.split('-');
  const start = parsePort(first, min);
  if (!start.ok) return start;
  if (second === undefined) return { ok: true, value: [start.value, start.value] };
  const end = parsePort(second, min);
  if (!end.ok) return end;
  if (extra.length > 0 || end.value < start.value) {
    return { ok: false, error: l10n.t('Invalid port range {0}: expected start-end with start <= end.', text) };
  }
  return { ok: true, value: [start.value, end.value] };
}

function parsePort(text: string, min: number): Parsed<number> {
  if (!/^[0-9]+$/.test(text)) return { ok: false, error: l10n.t('"{0}" is not a port number.', text) };
  const port = parseGoUint(text, MAX_PORT);
  if (port === undefined || port < min) {
    return { ok: false, error: l10n.t('Port {0} is out of range (1-65535).', text) };
  }
  return { ok: true, value: port };
}

/** Writes one PortBindings entry back as a `-p` value (`[ip:][hostPort:]port[/proto]`). */
export function formatPortMapping({ port, hostIp, hostPort }: PortMapping): string {
  const [number, protocol] = port.split('/');
  const container = protocol && protocol !== 'tcp' ? `${number}/${protocol}` : number;
  const ip = hostIp.includes(':') ? `[${hostIp}]` : hostIp;
  if (ip) return `${ip}:${hostPort}:${container}`;
  return hostPort ? `${hostPort}:${container}` : container;
}
