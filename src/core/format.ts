/** Numbers and lists from the engine, written the way `docker` prints them. */
import * as l10n from '@vscode/l10n';
import { humanDuration } from './containerState';
import type { PortSummary } from './model';

function scaled(bytes: number, base: number, units: readonly string[], digits: (v: number) => number): string {
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  return `${digits(value)}${units[unit]}`;
}

/** docker's units.HumanSize: decimal units, about four significant digits ("1.98MB", "77.8MB"). */
export function humanSize(bytes: number): string {
  return scaled(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'], (v) => Number(v.toPrecision(4)));
}

/** Memory limits as `docker stats` prints them: binary units ("512MiB"). */
export function binarySize(bytes: number): string {
  return scaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB'], (v) => Number(v.toFixed(2)));
}

/** "2 hours ago", from a time in epoch seconds. */
export function ago(epochSeconds: number, nowMs: number): string {
  return l10n.t('{0} ago', humanDuration(Math.max(0, nowMs - epochSeconds * 1000)));
}

/**
 * Published ports, short: `8080→80/tcp`, `127.0.0.1:8080→80/tcp`. The IPv4 and
 * IPv6 wildcard bindings of one port are one entry; unpublished ports are left out.
 */
export function formatPublishedPorts(ports: readonly PortSummary[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const sorted = [...ports].sort((a, b) => (a.PublicPort ?? 0) - (b.PublicPort ?? 0) || a.PrivatePort - b.PrivatePort);
  for (const p of sorted) {
    if (!p.PublicPort) continue;
    const wildcard = !p.IP || p.IP === '0.0.0.0' || p.IP === '::';
    const host = wildcard ? `${p.PublicPort}` : `${p.IP!.includes(':') ? `[${p.IP}]` : p.IP}:${p.PublicPort}`;
    const text = `${host}→${p.PrivatePort}/${p.Type}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
  }
  return out;
}

/** All ports as `docker ps` prints them, for tooltips: `0.0.0.0:8080->80/tcp, 443/tcp`. */
export function formatAllPorts(ports: readonly PortSummary[]): string {
  const seen = new Set<string>();
  for (const p of ports) {
    seen.add(p.PublicPort ? `${p.IP?.includes(':') ? `[${p.IP}]` : p.IP ?? ''}:${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`);
  }
  return [...seen].join(', ');
}
