/**
 * The inspect page's model: what matters in a `docker inspect` answer, first, as
 * labelled text. Pure, so it is built and tested from real inspect documents; the
 * webview only lays it out. Engine data stays text here and everywhere after.
 */
import * as l10n from '@vscode/l10n';
import { LifecycleVerb, verbsFor } from './containerActions';
import { ContainerStateKind, describeStatus, stateLabel, StateLook, stateLook, statusFromInspect } from './containerState';
import type { ContainerEntry } from './containerView';
import { ago, binarySize, humanSize } from './format';
import { containerName, ContainerInspect, ImageHistoryItem, ImageInspect, shortId } from './model';
import { formatCommandLine } from './shell';

/** The lifecycle actions the inspect page offers, as the tree's commands name them. */
export type ContainerVerb = Extract<LifecycleVerb, 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'remove'>;
export const CONTAINER_VERBS: readonly ContainerVerb[] = ['start', 'stop', 'restart', 'pause', 'unpause', 'remove'];

/** Where a value leads: a page the host opens, never a URL the page chose. */
export type Link = { kind: 'url'; url: string } | { kind: 'container'; id: string } | { kind: 'image'; id: string };

export interface Value {
  text: string;
  /** ids, commands, paths: set in the editor font */
  mono?: boolean;
  tone?: 'good' | 'warning' | 'error' | 'muted';
  link?: Link;
  /** an environment value whose name looks secret: masked until the user reveals this name */
  secret?: string;
}

export interface Field {
  label: string;
  values: Value[];
  /** one value per line (tags, digests) rather than side by side */
  list?: boolean;
}

export interface Table {
  columns: string[];
  rows: Value[][];
}

export interface Section {
  id: string;
  title: string;
  /** shown next to the title for lists (labels, env, layers) */
  count?: number;
  fields?: Field[];
  table?: Table;
  /** said instead of an empty table */
  empty?: string;
}

export interface StateBadge {
  kind: ContainerStateKind;
  look: StateLook;
  label: string;
  /** what `docker ps` says: "Up 5 minutes (healthy)" */
  detail: string;
}

export interface InspectView {
  kind: 'container' | 'image';
  /** the full id: the object the page belongs to */
  id: string;
  title: string;
  subtitle: Value[];
  state?: StateBadge;
  /** lifecycle actions valid in the current state */
  actions: ContainerVerb[];
  sections: Section[];
  /** environment names whose values are masked, in the summary and in the document */
  secretKeys: string[];
  /** the inspect answer as it came */
  document: unknown;
}

export interface SummaryContext {
  nowMs: number;
  /** a date and time as the user's locale writes it */
  formatTime(ms: number): string;
  /** the engine's host name when it is remote (tcp://, ssh://); absent for a local socket */
  remoteHost?: string;
}

// ---- shared pieces ------------------------------------------------------

const text = (t: string, extra: Omit<Value, 'text'> = {}): Value => ({ text: t, ...extra });
const mono = (t: string, extra: Omit<Value, 'text'> = {}): Value => ({ text: t, mono: true, ...extra });
const none = (): Value => ({ text: '—', tone: 'muted' });
const field = (label: string, ...values: Value[]): Field => ({ label, values });

/** Names whose values people keep secret: passwords, tokens, keys, credentials. */
const SECRET_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|(^|_)PASS(_|$)|(^|_)AUTH(_|$)/i;
/** A URL with a password in it (`postgres://user:pw@db/app`). */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]+:[^/@\s]+@/i;

export function isSecretEnv(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || URL_WITH_PASSWORD.test(value);
}

export interface EnvEntry {
  name: string;
  value: string | undefined;
  secret: boolean;
}

/** `NAME=value` entries as the engine keeps them; a bare `NAME` has no value. */
export function parseEnv(env: readonly string[] | null | undefined): EnvEntry[] {
  return (env ?? []).map((entry) => {
    const i = entry.indexOf('=');
    const name = i < 0 ? entry : entry.slice(0, i);
    const value = i < 0 ? undefined : entry.slice(i + 1);
    return { name, value, secret: isSecretEnv(name, value ?? '') };
  });
}

function envSection(entries: EnvEntry[]): Section {
  return {
    id: 'env',
    title: l10n.t('Environment'),
    count: entries.length,
    table: {
      columns: [l10n.t('Name'), l10n.t('Value')],
      rows: entries.map((e) => [mono(e.name), e.value === undefined ? none() : mono(e.value, e.secret ? { secret: e.name } : {})]),
    },
    empty: l10n.t('No environment variables.'),
  };
}

function labelsSection(labels: Record<string, string> | null | undefined): Section {
  const keys = Object.keys(labels ?? {}).sort();
  return {
    id: 'labels',
    title: l10n.t('Labels'),
    count: keys.length,
    table: { columns: [l10n.t('Key'), l10n.t('Value')], rows: keys.map((k) => [mono(k), mono(labels![k])]) },
    empty: l10n.t('No labels.'),
  };
}

/** An engine time (RFC 3339; the zero time means never) as "local time (3 hours ago)". */
function time(iso: string | undefined, ctx: SummaryContext): Value | undefined {
  const ms = iso ? Date.parse(iso) : NaN;
  if (!(ms > 0)) return undefined;
  return text(`${ctx.formatTime(ms)} (${ago(ms / 1000, ctx.nowMs)})`);
}

function commandLine(argv: readonly string[] | null | undefined): Value {
  return argv?.length ? mono(formatCommandLine(argv)) : none();
}

/** Fields whose value is absent are left out. */
function fields(...list: (Field | undefined | false)[]): Field[] {
  return list.filter((f): f is Field => !!f && f.values.length > 0);
}

function maybe(label: string, value: Value | undefined | false): Field | undefined {
  return value ? field(label, value) : undefined;
}

const byPortNumber = (a: string, b: string) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b);

// ---- containers ---------------------------------------------------------

type PortBinding = { HostIp?: string; HostPort?: string };

/** The host a published port is reached at from here, if any. */
function reachableHost(hostIp: string | undefined, ctx: SummaryContext): string | undefined {
  const wildcard = !hostIp || hostIp === '0.0.0.0';
  if (ctx.remoteHost === undefined) return wildcard || hostIp === '127.0.0.1' ? '127.0.0.1' : undefined;
  return wildcard ? ctx.remoteHost : undefined;
}

function bindingText(b: PortBinding): string {
  const ip = b.HostIp || '0.0.0.0';
  return `${ip.includes(':') ? `[${ip}]` : ip}:${b.HostPort || l10n.t('any free port')}`;
}

function portsSection(c: ContainerInspect, running: boolean, ctx: SummaryContext): Section {
  // a running container has its actual bindings; otherwise what it asked for
  const live = c.NetworkSettings.Ports ?? {};
  const bindings: Record<string, PortBinding[] | null> = running && Object.keys(live).length ? live : ((c.HostConfig.PortBindings as Record<string, PortBinding[] | null> | null) ?? {});
  const keys = [...new Set([...Object.keys(bindings), ...Object.keys(c.Config.ExposedPorts ?? {})])].sort(byPortNumber);
  const rows = keys.map((key): Value[] => {
    const list = bindings[key] ?? [];
    if (!list.length) return [mono(key), text(l10n.t('Not published'), { tone: 'muted' }), none()];
    const published = mono([...new Set(list.map(bindingText))].join(', '));
    const linkable = running && key.endsWith('/tcp') ? list.find((b) => b.HostPort && reachableHost(b.HostIp, ctx)) : undefined;
    if (!linkable) return [mono(key), published, none()];
    const url = `http://${reachableHost(linkable.HostIp, ctx)}:${linkable.HostPort}`;
    return [mono(key), published, mono(url, { link: { kind: 'url', url } })];
  });
  return {
    id: 'ports',
    title: l10n.t('Ports'),
    count: rows.length,
    table: { columns: [l10n.t('Container port'), l10n.t('Published on'), l10n.t('Open')], rows },
    empty: l10n.t('No ports exposed or published.'),
  };
}

function mountsSection(c: ContainerInspect): Section {
  const rows = (c.Mounts ?? []).map((m): Value[] => {
    const source = m.Type === 'volume' ? m.Name : m.Source;
    const mode = [m.RW === false ? 'ro' : 'rw', m.Mode && m.Mode !== 'ro' && m.Mode !== 'rw' ? m.Mode : '', m.Propagation ?? ''].filter(Boolean).join(', ');
    return [text(m.Type ?? ''), source ? mono(source) : none(), mono(m.Destination), mono(mode)];
  });
  return {
    id: 'mounts',
    title: l10n.t('Mounts'),
    count: rows.length,
    table: { columns: [l10n.t('Type'), l10n.t('Source'), l10n.t('Destination'), l10n.t('Mode')], rows },
    empty: l10n.t('No mounts.'),
  };
}

type NetworkEndpoint = {
  IPAddress?: string;
  IPPrefixLen?: number;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  Gateway?: string;
  MacAddress?: string;
  Aliases?: string[] | null;
};

function networksSection(c: ContainerInspect): Section {
  const networks = (c.NetworkSettings.Networks ?? {}) as Record<string, NetworkEndpoint>;
  const cidr = (ip: string | undefined, len: number | undefined) => (ip ? mono(len ? `${ip}/${len}` : ip) : none());
  const rows = Object.keys(networks)
    .sort()
    .map((name): Value[] => {
      const n = networks[name];
      return [
        mono(name),
        cidr(n.IPAddress, n.IPPrefixLen),
        cidr(n.GlobalIPv6Address, n.GlobalIPv6PrefixLen),
        n.Gateway ? mono(n.Gateway) : none(),
        n.MacAddress ? mono(n.MacAddress) : none(),
        n.Aliases?.length ? mono(n.Aliases.join(', ')) : none(),
      ];
    });
  return {
    id: 'networks',
    title: l10n.t('Networks'),
    count: rows.length,
    table: { columns: [l10n.t('Network'), l10n.t('IPv4 address'), l10n.t('IPv6 address'), l10n.t('Gateway'), l10n.t('MAC address'), l10n.t('Aliases')], rows },
    empty: l10n.t('Not connected to any network.'),
  };
}

function restartPolicy(policy: { Name?: string; MaximumRetryCount?: number } | undefined): Value[] {
  const name = policy?.Name || 'no';
  const retries = policy?.MaximumRetryCount ?? 0;
  const raw = mono(name === 'on-failure' && retries ? `${name}:${retries}` : name, { tone: 'muted' });
  switch (name) {
    case 'always':
      return [text(l10n.t('Always')), raw];
    case 'unless-stopped':
      return [text(l10n.t('Unless stopped')), raw];
    case 'on-failure':
      return [text(retries ? l10n.t('On failure, at most {0} times', retries) : l10n.t('On failure')), raw];
    default:
      return [text(l10n.t('Never')), raw];
  }
}

interface HostLimits {
  RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
  AutoRemove?: boolean;
  Memory?: number;
  MemorySwap?: number;
  MemoryReservation?: number;
  NanoCpus?: number;
  CpuQuota?: number;
  CpuPeriod?: number;
  CpuShares?: number;
  CpusetCpus?: string;
  PidsLimit?: number | null;
  Privileged?: boolean;
  ReadonlyRootfs?: boolean;
}

function resourcesSection(c: ContainerInspect): Section {
  const h = c.HostConfig as HostLimits;
  const unlimited = () => text(l10n.t('Unlimited'), { tone: 'muted' });
  const cpus = h.NanoCpus ? h.NanoCpus / 1e9 : h.CpuQuota && h.CpuQuota > 0 ? h.CpuQuota / (h.CpuPeriod || 100_000) : 0;
  const swap = h.Memory && h.MemorySwap ? (h.MemorySwap < 0 ? unlimited() : text(binarySize(h.MemorySwap))) : undefined;
  return {
    id: 'resources',
    title: l10n.t('Restart policy and resources'),
    fields: fields(
      field(l10n.t('Restart policy'), ...restartPolicy(h.RestartPolicy)),
      maybe(l10n.t('Removed when it stops'), h.AutoRemove && text(l10n.t('Yes'))),
      field(l10n.t('Memory'), h.Memory ? text(binarySize(h.Memory)) : unlimited()),
      maybe(l10n.t('Memory and swap'), swap),
      maybe(l10n.t('Memory reservation'), !!h.MemoryReservation && text(binarySize(h.MemoryReservation))),
      field(l10n.t('CPUs'), cpus ? text(String(Number(cpus.toFixed(3)))) : unlimited()),
      maybe(l10n.t('CPU shares'), !!h.CpuShares && text(String(h.CpuShares))),
      maybe(l10n.t('CPU set'), !!h.CpusetCpus && mono(h.CpusetCpus)),
      field(l10n.t('Processes'), h.PidsLimit && h.PidsLimit > 0 ? text(String(h.PidsLimit)) : unlimited()),
      maybe(l10n.t('Privileged'), h.Privileged && text(l10n.t('Yes'), { tone: 'warning' })),
      maybe(l10n.t('Read-only root file system'), h.ReadonlyRootfs && text(l10n.t('Yes'))),
    ),
  };
}

function healthText(status: string, streak: number): Value {
  switch (status) {
    case 'healthy':
      return text(l10n.t('Healthy'), { tone: 'good' });
    case 'unhealthy':
      return text(streak > 1 ? l10n.t('Unhealthy ({0} failed checks in a row)', streak) : l10n.t('Unhealthy'), { tone: 'error' });
    case 'starting':
      return text(l10n.t('Starting'), { tone: 'warning' });
    default:
      return mono(status);
  }
}

function stateSection(c: ContainerInspect, badge: StateBadge, ctx: SummaryContext): Section {
  const s = c.State;
  const health = s.Health;
  const lastCheck = health?.Log?.[health.Log.length - 1];
  const ended = badge.kind === 'exited' || badge.kind === 'dead' || badge.kind === 'restarting';
  const started = time(s.StartedAt, ctx);
  const tone = badge.look === 'running' || badge.look === 'healthy' ? 'good' : badge.look === 'exitedError' || badge.look === 'unhealthy' || badge.look === 'dead' ? 'error' : undefined;
  return {
    id: 'state',
    title: l10n.t('State'),
    fields: fields(
      field(l10n.t('Status'), text(badge.label, tone ? { tone } : {}), text(badge.detail, { tone: 'muted' })),
      maybe(l10n.t('Exit code'), (ended || s.ExitCode !== 0) && mono(String(s.ExitCode), s.ExitCode ? { tone: 'error' } : {})),
      maybe(l10n.t('Error'), !!s.Error && mono(s.Error, { tone: 'error' })),
      maybe(l10n.t('Killed for lack of memory'), s.OOMKilled === true && text(l10n.t('Yes'), { tone: 'error' })),
      maybe(l10n.t('Health'), health && healthText(health.Status, health.FailingStreak ?? 0)),
      maybe(
        l10n.t('Last health check'),
        lastCheck && text(l10n.t('exit code {0}, {1}', lastCheck.ExitCode, time(lastCheck.End, ctx)?.text ?? '—'), lastCheck.ExitCode ? { tone: 'error' } : {}),
      ),
      maybe(l10n.t('Health check output'), !!lastCheck?.Output?.trim() && mono(lastCheck!.Output.trim())),
      maybe(l10n.t('Started'), started),
      maybe(l10n.t('Finished'), badge.kind !== 'running' && badge.kind !== 'paused' && time(s.FinishedAt, ctx)),
      maybe(l10n.t('Restarts'), typeof c.RestartCount === 'number' && c.RestartCount > 0 && text(String(c.RestartCount))),
      maybe(l10n.t('Process ID'), typeof s.Pid === 'number' && s.Pid > 0 && mono(String(s.Pid))),
    ),
  };
}

export function containerInspectView(c: ContainerInspect, ctx: SummaryContext): InspectView {
  const status = statusFromInspect(c.State);
  const badge: StateBadge = { kind: status.kind, look: stateLook(status), label: stateLabel(status.kind), detail: describeStatus(status, ctx.nowMs) };
  const env = parseEnv(c.Config.Env);
  const running = status.kind === 'running' || status.kind === 'paused';
  const imageRef = c.Config.Image || shortId(c.Image);
  return {
    kind: 'container',
    id: c.Id,
    title: containerName({ Names: [c.Name], Id: c.Id }),
    subtitle: [mono(imageRef, { link: { kind: 'image', id: c.Image } })],
    state: badge,
    actions: verbsFor(status.kind, CONTAINER_VERBS),
    sections: [
      stateSection(c, badge, ctx),
      {
        id: 'overview',
        title: l10n.t('Overview'),
        fields: fields(
          field(l10n.t('ID'), mono(c.Id)),
          field(l10n.t('Image'), mono(imageRef, { link: { kind: 'image', id: c.Image } }), mono(shortId(c.Image), { tone: 'muted' })),
          field(l10n.t('Entrypoint'), commandLine(c.Config.Entrypoint)),
          field(l10n.t('Command'), commandLine(c.Config.Cmd)),
          maybe(l10n.t('Working directory'), !!c.Config.WorkingDir && mono(c.Config.WorkingDir)),
          maybe(l10n.t('User'), !!c.Config.User && mono(c.Config.User)),
          maybe(l10n.t('Host name'), !!c.Config.Hostname && mono(c.Config.Hostname)),
          maybe(l10n.t('Created'), time(c.Created, ctx)),
        ),
      },
      portsSection(c, running, ctx),
      mountsSection(c),
      networksSection(c),
      resourcesSection(c),
      labelsSection(c.Config.Labels),
      envSection(env),
    ],
    secretKeys: [...new Set(env.filter((e) => e.secret).map((e) => e.name))],
    document: c,
  };
}

// ---- images -------------------------------------------------------------

const NONE_TAG = '<none>:<none>';
const NONE_DIGEST = '<none>@<none>';

/** What `docker history` shows in CREATED BY, without the legacy builder's `/bin/sh -c #(nop)` noise. */
export function layerInstruction(item: Pick<ImageHistoryItem, 'CreatedBy' | 'Comment'>): string {
  const by = (item.CreatedBy ?? '').trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(by);
  if (nop) return nop[1];
  if (by.startsWith('/bin/sh -c ')) return `RUN ${by}`;
  return by || (item.Comment ?? '').trim();
}

function layersSection(history: readonly ImageHistoryItem[], ctx: SummaryContext): Section {
  const rows = history.map((h): Value[] => [
    h.Created > 0 ? text(ctx.formatTime(h.Created * 1000)) : none(),
    mono(layerInstruction(h) || '—'),
    text(humanSize(h.Size), h.Size ? {} : { tone: 'muted' }),
  ]);
  return {
    id: 'layers',
    title: l10n.t('Layers'),
    count: rows.length,
    table: { columns: [l10n.t('Created'), l10n.t('Created by'), l10n.t('Size')], rows },
    empty: l10n.t('The engine keeps no history for this image.'),
  };
}

function containersSection(containers: readonly ContainerEntry[], ctx: SummaryContext): Section {
  const rows = [...containers]
    .sort((a, b) => containerName(a.summary).localeCompare(containerName(b.summary)))
    .map((e): Value[] => [mono(containerName(e.summary), { link: { kind: 'container', id: e.summary.Id } }), text(describeStatus(e.status, ctx.nowMs))]);
  return {
    id: 'containers',
    title: l10n.t('Containers'),
    count: rows.length,
    table: { columns: [l10n.t('Name'), l10n.t('Status')], rows },
    empty: l10n.t('No container uses this image.'),
  };
}

/**
 * @param reference the tag the user chose the image by, used as the title while the image has it
 * @param containers the containers made from this image (the engine model's entries)
 */
export function imageInspectView(
  image: ImageInspect,
  history: readonly ImageHistoryItem[],
  containers: readonly ContainerEntry[],
  ctx: SummaryContext,
  reference?: string,
): InspectView {
  const tags = (image.RepoTags ?? []).filter((t) => t !== NONE_TAG);
  const digests = (image.RepoDigests ?? []).filter((d) => d !== NONE_DIGEST);
  const config = image.Config ?? {};
  const env = parseEnv(config.Env);
  const platform = [image.Os, image.Architecture, image.Variant as string | undefined].filter(Boolean).join('/');
  const exposed = Object.keys(config.ExposedPorts ?? {}).sort(byPortNumber);
  const volumes = Object.keys(config.Volumes ?? {}).sort();
  return {
    kind: 'image',
    id: image.Id,
    title: reference && tags.includes(reference) ? reference : tags[0] ?? shortId(image.Id),
    subtitle: [mono(shortId(image.Id)), text(humanSize(image.Size), { tone: 'muted' })],
    actions: [],
    sections: [
      {
        id: 'overview',
        title: l10n.t('Overview'),
        fields: fields(
          field(l10n.t('ID'), mono(image.Id)),
          { label: l10n.t('Tags'), values: tags.length ? tags.map((t) => mono(t)) : [text(l10n.t('Untagged'), { tone: 'muted' })], list: true },
          { label: l10n.t('Digests'), values: digests.length ? digests.map((d) => mono(d)) : [none()], list: true },
          field(l10n.t('Size'), text(humanSize(image.Size))),
          maybe(l10n.t('Created'), time(image.Created, ctx)),
          maybe(l10n.t('Platform'), !!platform && mono(platform)),
          maybe(l10n.t('Author'), typeof image.Author === 'string' && !!image.Author && text(image.Author)),
          field(l10n.t('Entrypoint'), commandLine(config.Entrypoint)),
          field(l10n.t('Command'), commandLine(config.Cmd)),
          maybe(l10n.t('Working directory'), !!config.WorkingDir && mono(config.WorkingDir)),
          maybe(l10n.t('User'), !!config.User && mono(config.User)),
          field(l10n.t('Exposed ports'), ...(exposed.length ? exposed.map((p) => mono(p)) : [none()])),
          maybe(l10n.t('Volumes'), !!volumes.length && mono(volumes.join(', '))),
        ),
      },
      layersSection(history, ctx),
      containersSection(containers, ctx),
      labelsSection(config.Labels),
      envSection(env),
    ],
    secretKeys: [...new Set(env.filter((e) => e.secret).map((e) => e.name))],
    document: image,
  };
}

/** Every link a view shows, as keys: the host follows a link only if its view has it. */
export function linkKey(link: Link): string {
  return link.kind === 'url' ? `url:${link.url}` : `${link.kind}:${link.id}`;
}

export function linksOf(view: InspectView): Set<string> {
  const keys = new Set<string>();
  const add = (v: Value) => v.link && keys.add(linkKey(v.link));
  view.subtitle.forEach(add);
  for (const s of view.sections) {
    s.fields?.forEach((f) => f.values.forEach(add));
    s.table?.rows.forEach((r) => r.forEach(add));
  }
  return keys;
}
