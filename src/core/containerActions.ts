/**
 * Which lifecycle actions apply in which state: one table for the commands'
 * pickers, the inspect page's buttons, and (checked by a unit test) the tree's
 * context menus in package.json.
 */
import type { ContainerStateKind } from './containerState';

export type LifecycleVerb = 'start' | 'stop' | 'kill' | 'restart' | 'pause' | 'unpause' | 'remove' | 'forceRemove';

const LIVE: readonly ContainerStateKind[] = ['running', 'paused', 'restarting'];

export const VERB_STATES: Record<LifecycleVerb, readonly ContainerStateKind[]> = {
  start: ['created', 'exited'],
  stop: LIVE,
  kill: LIVE,
  restart: ['running', 'paused', 'exited', 'created'],
  pause: ['running'],
  unpause: ['paused'],
  remove: ['created', 'exited', 'dead'],
  forceRemove: ['running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'],
};

/** The verbs, among `verbs`, that apply to a container in state `kind`. */
export function verbsFor<V extends LifecycleVerb>(kind: ContainerStateKind, verbs: readonly V[]): V[] {
  return verbs.filter((v) => VERB_STATES[v].includes(kind));
}
