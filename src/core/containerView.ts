/**
 * How the containers view arranges what the engine has: which containers show,
 * in which groups, in which order. Pure, so the tree only maps it to items.
 */
import * as l10n from '@vscode/l10n';
import { ContainerStatus, STATE_ORDER, stateLabel } from './containerState';
import { containerName, ContainerSummary, ImageSummary, shortId } from './model';

export interface ContainerEntry {
  summary: ContainerSummary;
  status: ContainerStatus;
}

export type GroupBy = 'none' | 'image' | 'compose' | 'state';
export type SortBy = 'name' | 'created' | 'state';

export interface ContainerViewOptions {
  runningOnly: boolean;
  filter: string;
  groupBy: GroupBy;
  sortBy: SortBy;
}

export interface ContainerGroup {
  /** stable across refreshes: tree ids are built from it */
  key: string;
  label: string;
  /** for image groups, the image reference */
  description?: string;
  entries: ContainerEntry[];
}

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

/** `docker ps` without `-a` shows these. */
export function isRunning(entry: ContainerEntry): boolean {
  return entry.status.kind === 'running' || entry.status.kind === 'paused' || entry.status.kind === 'restarting';
}

/** Matches name, image or id (an id only by its start), case-insensitively. */
export function matchesFilter(entry: ContainerEntry, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  const c = entry.summary;
  return containerName(c).toLowerCase().includes(f) || c.Image.toLowerCase().includes(f) || c.Id.startsWith(f);
}

export function visibleContainers(entries: Iterable<ContainerEntry>, opts: Pick<ContainerViewOptions, 'runningOnly' | 'filter'>): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (const e of entries) if ((!opts.runningOnly || isRunning(e)) && matchesFilter(e, opts.filter)) out.push(e);
  return out;
}

const byName = (a: ContainerEntry, b: ContainerEntry) => containerName(a.summary).localeCompare(containerName(b.summary));
const byCreated = (a: ContainerEntry, b: ContainerEntry) => b.summary.Created - a.summary.Created || byName(a, b);
const byState = (a: ContainerEntry, b: ContainerEntry) => STATE_ORDER[a.status.kind] - STATE_ORDER[b.status.kind] || byName(a, b);
const COMPARATORS: Record<SortBy, (a: ContainerEntry, b: ContainerEntry) => number> = { name: byName, created: byCreated, state: byState };

export function sortContainers(entries: ContainerEntry[], sortBy: SortBy): ContainerEntry[] {
  return entries.sort(COMPARATORS[sortBy]);
}

/** The reference a container's image is best known by: its first tag, else what it was created from. */
export function imageLabelFor(entry: ContainerEntry, images: ReadonlyMap<string, ImageSummary>): string {
  const tags = images.get(entry.summary.ImageID)?.RepoTags?.filter((t) => t !== '<none>:<none>');
  if (tags?.length) return tags[0];
  return entry.summary.Image.startsWith('sha256:') ? shortId(entry.summary.Image) : entry.summary.Image;
}

/**
 * Groups already-filtered entries; each group keeps the given sort. Groups are
 * ordered by label, the "none" bucket of compose projects last.
 */
export function groupContainers(entries: ContainerEntry[], groupBy: Exclude<GroupBy, 'none'>, images: ReadonlyMap<string, ImageSummary>): ContainerGroup[] {
  const groups = new Map<string, ContainerGroup>();
  for (const e of entries) {
    const { key, label } = groupOf(e, groupBy, images);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, entries: [] }));
    g.entries.push(e);
  }
  const list = [...groups.values()];
  if (groupBy === 'state') {
    return list.sort((a, b) => STATE_ORDER[a.entries[0].status.kind] - STATE_ORDER[b.entries[0].status.kind]);
  }
  return list.sort((a, b) => Number(a.key === NO_PROJECT) - Number(b.key === NO_PROJECT) || a.label.localeCompare(b.label));
}

const NO_PROJECT = 'compose:';

function groupOf(e: ContainerEntry, groupBy: Exclude<GroupBy, 'none'>, images: ReadonlyMap<string, ImageSummary>): { key: string; label: string } {
  switch (groupBy) {
    case 'image':
      return { key: `image:${e.summary.ImageID}`, label: imageLabelFor(e, images) };
    case 'compose': {
      const project = e.summary.Labels?.[COMPOSE_PROJECT_LABEL];
      return project ? { key: `compose:${project}`, label: project } : { key: NO_PROJECT, label: l10n.t('Not in a Compose project') };
    }
    case 'state':
      return { key: `state:${e.status.kind}`, label: stateLabel(e.status.kind) };
  }
}
