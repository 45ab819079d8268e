/**
 * A container's state as people read it. The engine's list answer carries a status
 * text computed when it answered ("Up 5 minutes"); Docker Deck lists only when
 * something changes, so it turns that text back into times and writes it anew
 * (localized) whenever the row is drawn.
 */
import * as l10n from '@vscode/l10n';
import type { ContainerInspect, ContainerSummary, PortSummary } from './model';

export type ContainerStateKind = 'running' | 'paused' | 'restarting' | 'created' | 'exited' | 'dead' | 'removing';
export type Health = 'starting' | 'healthy' | 'unhealthy';

export interface ContainerStatus {
  kind: ContainerStateKind;
  health?: Health;
  exitCode?: number;
  /** epoch ms, derived from the status text */
  startedAt?: number;
  /** epoch ms, derived from the status text */
  finishedAt?: number;
}

const KINDS: readonly ContainerStateKind[] = ['running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'];

export function parseContainerStatus(state: string, status: string, nowMs: number): ContainerStatus {
  const kind = (KINDS as readonly string[]).includes(state) ? (state as ContainerStateKind) : fallbackKind(status);
  const result: ContainerStatus = { kind };
  const up = /^Up (.+?)(?: \((Paused|healthy|unhealthy|health: starting)\))?$/.exec(status);
  if (up) {
    result.startedAt = nowMs - parseHumanDuration(up[1]);
    const health = up[2];
    if (health === 'healthy' || health === 'unhealthy') result.health = health;
    else if (health === 'health: starting') result.health = 'starting';
    return result;
  }
  const ended = /^(?:Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(status);
  if (ended) {
    result.exitCode = Number(ended[1]);
    result.finishedAt = nowMs - parseHumanDuration(ended[2]);
  }
  return result;
}

function fallbackKind(status: string): ContainerStateKind {
  if (/^Up .*\(Paused\)$/.test(status)) return 'paused';
  if (status.startsWith('Up ')) return 'running';
  if (status.startsWith('Restarting')) return 'restarting';
  if (status.startsWith('Exited')) return 'exited';
  if (status === 'Dead') return 'dead';
  if (status.startsWith('Removal')) return 'removing';
  return 'created';
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNITS: Record<string, number> = {
  second: SECOND,
  minute: MINUTE,
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  month: 30 * DAY,
  year: 365 * DAY,
};

/** The inverse of docker's units.HumanDuration ("About an hour" -> 1 h). */
export function parseHumanDuration(text: string): number {
  const t = text.trim();
  if (/^less than a second$/i.test(t)) return 0;
  if (/^about a minute$/i.test(t)) return MINUTE;
  if (/^about an hour$/i.test(t)) return HOUR;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/i.exec(t);
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : 0;
}

/** docker's units.HumanDuration, localized. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / SECOND);
  if (seconds < 1) return l10n.t('Less than a second');
  if (seconds === 1) return l10n.t('1 second');
  if (seconds < 60) return l10n.t('{0} seconds', seconds);
  const minutes = Math.floor(ms / MINUTE);
  if (minutes === 1) return l10n.t('About a minute');
  if (minutes < 60) return l10n.t('{0} minutes', minutes);
  const hours = Math.round(ms / HOUR);
  if (hours === 1) return l10n.t('About an hour');
  if (hours < 48) return l10n.t('{0} hours', hours);
  if (hours < 24 * 7 * 2) return l10n.t('{0} days', Math.floor(hours / 24));
  if (hours < 24 * 30 * 2) return l10n.t('{0} weeks', Math.floor(hours / 24 / 7));
  if (hours < 24 * 365 * 2) return l10n.t('{0} months', Math.floor(hours / 24 / 30));
  return l10n.t('{0} years', Math.floor(ms / (365 * DAY)));
}

/** What `docker ps` prints in its STATUS column, localized, at time `nowMs`. */
export function describeStatus(s: ContainerStatus, nowMs: number): string {
  const since = (t: number | undefined) => humanDuration(Math.max(0, nowMs - (t ?? nowMs)));
  switch (s.kind) {
    case 'running':
      if (s.health === 'healthy') return l10n.t('Up {0} (healthy)', since(s.startedAt));
      if (s.health === 'unhealthy') return l10n.t('Up {0} (unhealthy)', since(s.startedAt));
      if (s.health === 'starting') return l10n.t('Up {0} (health: starting)', since(s.startedAt));
      return l10n.t('Up {0}', since(s.startedAt));
    case 'paused':
      return l10n.t('Paused');
    case 'restarting':
      return l10n.t('Restarting ({0}) {1} ago', s.exitCode ?? 0, since(s.finishedAt));
    case 'created':
      return l10n.t('Created');
    case 'exited':
      return l10n.t('Exited ({0}) {1} ago', s.exitCode ?? 0, since(s.finishedAt));
    case 'dead':
      return l10n.t('Dead');
    case 'removing':
      return l10n.t('Removal in progress');
  }
}

/** The state word alone ("running", "exited"), localized, for grouping by state. */
export function stateLabel(kind: ContainerStateKind): string {
  switch (kind) {
    case 'running':
      return l10n.t('Running');
    case 'paused':
      return l10n.t('Paused');
    case 'restarting':
      return l10n.t('Restarting');
    case 'created':
      return l10n.t('Created');
    case 'exited':
      return l10n.t('Exited');
    case 'dead':
      return l10n.t('Dead');
    case 'removing':
      return l10n.t('Removing');
  }
}

/** Tree `contextValue`s: menus match them with `viewItem =~ /.../`. */
export function containerContextValue(kind: ContainerStateKind): string {
  return `${kind}Container`;
}

/** The look of a state: each gets its own icon and colour in the tree. */
export type StateLook =
  | 'running'
  | 'healthy'
  | 'unhealthy'
  | 'healthStarting'
  | 'paused'
  | 'restarting'
  | 'created'
  | 'exited'
  | 'exitedError'
  | 'dead'
  | 'removing';

export function stateLook(s: ContainerStatus): StateLook {
  switch (s.kind) {
    case 'running':
      if (s.health === 'healthy') return 'healthy';
      if (s.health === 'unhealthy') return 'unhealthy';
      if (s.health === 'starting') return 'healthStarting';
      return 'running';
    case 'exited':
      return s.exitCode ? 'exitedError' : 'exited';
    default:
      return s.kind;
  }
}

/** Order when sorting by state: the ones that need attention first, then running ones. */
export const STATE_ORDER: Record<ContainerStateKind, number> = {
  restarting: 0,
  running: 1,
  paused: 2,
  created: 3,
  exited: 4,
  dead: 5,
  removing: 6,
};

/** The status from `docker inspect`: exact times, unlike the list's text. */
export function statusFromInspect(state: ContainerInspect['State']): ContainerStatus {
  const time = (iso: string) => {
    const t = Date.parse(iso);
    return t > 0 ? t : undefined;
  };
  const health = state.Health?.Status;
  return {
    kind: (KINDS as readonly string[]).includes(state.Status) ? (state.Status as ContainerStateKind) : 'created',
    health: health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : undefined,
    exitCode: state.ExitCode,
    startedAt: time(state.StartedAt),
    finishedAt: time(state.FinishedAt),
  };
}

/** A list row rebuilt from `docker inspect`, for when the list view lags behind the events. */
export function summaryFromInspect(c: ContainerInspect): ContainerSummary {
  const ports: PortSummary[] = [];
  for (const [key, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
    const [port, type] = key.split('/');
    if (!bindings?.length) ports.push({ PrivatePort: Number(port), Type: type });
    for (const b of bindings ?? []) ports.push({ IP: b.HostIp, PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: type });
  }
  return {
    Id: c.Id,
    Names: [c.Name],
    Image: c.Config.Image,
    ImageID: c.Image,
    Command: [c.Path ?? '', ...(c.Args ?? [])].join(' ').trim(),
    Created: Math.floor(Date.parse(c.Created) / 1000),
    Ports: ports,
    Labels: c.Config.Labels ?? null,
    State: c.State.Status,
    Status: '',
    HostConfig: { NetworkMode: c.HostConfig.NetworkMode as string | undefined },
    NetworkSettings: { Networks: c.NetworkSettings.Networks ?? null },
    Mounts: c.Mounts,
  };
}
