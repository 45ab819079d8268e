/**
 * The container lifecycle: one table says, for each verb, which states it applies
 * to, what the CLI would type, whether it asks first, and what it tells the user.
 * Every verb takes `(node?, nodes?)`: a tree row (and the selection), or nothing
 * from the palette, where a picker offers the containers in a valid state.
 */
import * as vscode from 'vscode';
import { LifecycleVerb, VERB_STATES } from '../core/containerActions';
import type { ContainerStateKind } from '../core/containerState';
import { describeStatus } from '../core/containerState';
import type { ContainerEntry } from '../core/containerView';
import { humanSize } from '../core/format';
import { containerName } from '../core/model';
import type { ContainerAction, ContainerActionOptions } from '../docker/client';
import { reasonOf } from '../docker/errors';
import type { ContainerNode } from '../tree/containersTreeProvider';
import type { Services } from '../services';
import { describeFailures, runBulk } from './bulk';
import { confirmDestructive } from './confirm';
import type { CommandTable } from './registry';

/** What the tree, the images view and the inspect panel pass: anything with a container id. */
export interface ContainerRef {
  containerId: string;
}


interface VerbSpec {
  action: ContainerAction;
  /** the palette picker's title */
  pickTitle: () => string;
  states: readonly ContainerStateKind[];
  progress: (count: number) => string;
  failed: (name: string, reason: string) => string;
  /** the docker CLI arguments that do the same to these containers */
  cli: (names: string[], signal?: string) => string[];
  /** destructive verbs ask first; the question names what will be affected */
  confirm?: (names: string[]) => { message: string; action: string };
  options?: (signal?: string) => ContainerActionOptions;
}


const stopTimeout = () => vscode.workspace.getConfiguration('dockerDeck.container').get<number>('stopTimeout', 10);

const VERBS: Record<LifecycleVerb, VerbSpec> = {
  start: {
    action: 'start',
    pickTitle: () => vscode.l10n.t('Start containers'),
    states: VERB_STATES.start,
    progress: (n) => vscode.l10n.t('Starting {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not start {0}: {1}', name, reason),
    cli: (names) => ['start', ...names],
  },
  stop: {
    action: 'stop',
    pickTitle: () => vscode.l10n.t('Stop containers (SIGTERM, then SIGKILL after the grace period)'),
    states: VERB_STATES.stop,
    progress: (n) => vscode.l10n.t('Stopping {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not stop {0}: {1}', name, reason),
    cli: (names) => ['stop', '-t', String(stopTimeout()), ...names],
    options: () => ({ stopTimeoutSeconds: stopTimeout() }),
  },
  kill: {
    action: 'kill',
    pickTitle: () => vscode.l10n.t('Kill containers'),
    states: VERB_STATES.kill,
    progress: (n) => vscode.l10n.t('Killing {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not kill {0}: {1}', name, reason),
    cli: (names, signal) => (signal && signal !== 'SIGKILL' ? ['kill', '-s', signal, ...names] : ['kill', ...names]),
    confirm: (names) => ({ message: vscode.l10n.t('Kill {0}? Its processes get no chance to clean up.', list(names)), action: vscode.l10n.t('Kill') }),
    options: (signal) => ({ killSignal: signal ?? 'SIGKILL' }),
  },
  restart: {
    action: 'restart',
    pickTitle: () => vscode.l10n.t('Restart containers'),
    states: VERB_STATES.restart,
    progress: (n) => vscode.l10n.t('Restarting {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not restart {0}: {1}', name, reason),
    cli: (names) => ['restart', '-t', String(stopTimeout()), ...names],
    options: () => ({ stopTimeoutSeconds: stopTimeout() }),
  },
  pause: {
    action: 'pause',
    pickTitle: () => vscode.l10n.t('Pause containers'),
    states: VERB_STATES.pause,
    progress: (n) => vscode.l10n.t('Pausing {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not pause {0}: {1}', name, reason),
    cli: (names) => ['pause', ...names],
  },
  unpause: {
    action: 'unpause',
    pickTitle: () => vscode.l10n.t('Unpause containers'),
    states: VERB_STATES.unpause,
    progress: (n) => vscode.l10n.t('Resuming {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not unpause {0}: {1}', name, reason),
    cli: (names) => ['unpause', ...names],
  },
  remove: {
    action: 'remove',
    pickTitle: () => vscode.l10n.t('Remove stopped containers'),
    states: VERB_STATES.remove,
    progress: (n) => vscode.l10n.t('Removing {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not remove {0}: {1}', name, reason),
    cli: (names) => ['rm', ...names],
    confirm: (names) => ({ message: vscode.l10n.t('Remove {0}?', list(names)), action: vscode.l10n.t('Remove') }),
  },
  forceRemove: {
    action: 'remove',
    pickTitle: () => vscode.l10n.t('Force remove containers'),
    states: VERB_STATES.forceRemove,
    progress: (n) => vscode.l10n.t('Removing {0} containers', n),
    failed: (name, reason) => vscode.l10n.t('Could not remove {0}: {1}', name, reason),
    cli: (names) => ['rm', '-f', ...names],
    confirm: (names) => ({ message: vscode.l10n.t('Force remove {0}? Running containers are killed first.', list(names)), action: vscode.l10n.t('Force Remove') }),
    options: () => ({ force: true }),
  },
};

function list(names: string[]): string {
  if (names.length === 1) return `"${names[0]}"`;
  const shown = names.slice(0, 10).map((n) => `"${n}"`).join(', ');
  return names.length > 10 ? vscode.l10n.t('{0} containers ({1} and {2} more)', names.length, shown, names.length - 10) : vscode.l10n.t('{0} containers ({1})', names.length, shown);
}

export function containerCommands(s: Services): CommandTable {
  const table: CommandTable = {};
  for (const verb of Object.keys(VERBS) as LifecycleVerb[]) {
    table[`dockerDeck.container.${verb}`] = (node?: ContainerRef, nodes?: ContainerRef[]) => runVerb(s, verb, node, nodes);
  }
  table['dockerDeck.container.killWithSignal'] = async (node?: ContainerRef, nodes?: ContainerRef[]) => {
    const signal = await pickSignal(s);
    if (signal) await runVerb(s, 'kill', node, nodes, signal);
  };
  table['dockerDeck.container.prune'] = () => prune(s);
  table['dockerDeck.container.stopAll'] = () => stopAll(s);
  return table;
}

/**
 * The containers a command applies to. Rows given by the tree (or the inspect
 * panel) are taken as they are: the menus already match their state, and for a
 * mixed selection the engine's answer for each is reported. From the palette, a
 * picker offers only the containers in a state the verb accepts. Undefined when
 * the user backed out.
 */
export async function resolveTargets(s: Services, states: readonly ContainerStateKind[], title: string, node?: ContainerRef, nodes?: ContainerRef[]): Promise<ContainerEntry[] | undefined> {
  await s.model.start();
  const given = nodes?.length ? nodes : node ? [node] : undefined;
  if (given) {
    return given
      .filter((n) => typeof n?.containerId === 'string')
      .map((n) => s.model.containers.get(n.containerId))
      .filter((e): e is ContainerEntry => !!e);
  }
  const candidates = [...s.model.containers.values()].filter((e) => states.includes(e.status.kind));
  if (!candidates.length) {
    s.prompts.showInfo(vscode.l10n.t('No container is in a state for this action.'));
    return undefined;
  }
  const now = Date.now();
  const ids = await s.prompts.pickMany(
    candidates.map((e) => ({ label: containerName(e.summary), description: describeStatus(e.status, now), detail: e.summary.Image, value: e.summary.Id })),
    { title },
  );
  return ids?.map((id) => s.model.containers.get(id)).filter((e): e is ContainerEntry => !!e);
}

async function runVerb(s: Services, verb: LifecycleVerb, node?: ContainerRef, nodes?: ContainerRef[], signal?: string): Promise<void> {
  const spec = VERBS[verb];
  const targets = await resolveTargets(s, spec.states, spec.pickTitle(), node, nodes);
  if (!targets?.length) return;
  if (spec.confirm) {
    const q = spec.confirm(targets.map((e) => containerName(e.summary)));
    if (!(await confirmDestructive(s, q.message, q.action))) return;
  }
  await runVerbOn(s, verb, targets, signal);
}

async function runVerbOn(s: Services, verb: LifecycleVerb, targets: ContainerEntry[], signal?: string): Promise<void> {
  const spec = VERBS[verb];
  const options = spec.options?.(signal) ?? {};
  const result = await runBulk({
    title: spec.progress(targets.length),
    items: targets,
    label: (e) => containerName(e.summary),
    viewId: 'dockerDeck.containers',
    command: spec.cli(targets.map((e) => containerName(e.summary)), signal),
    log: s.log,
    run: (e, abortSignal) => s.client().containerAction(e.summary.Id, spec.action, { ...options, signal: abortSignal }),
  });
  if (result.failed.length) s.prompts.showError(describeFailures(result, (e) => containerName(e.summary), spec.failed));
}

/** Selects a container in the tree once the engine's event has brought it there. */
export async function revealContainer(s: Services, id: string): Promise<void> {
  const node = await waitForNode(s, id);
  if (node) await s.containers.view.reveal(node, { select: true, focus: false });
}

/** The container's row once the model knows the container (none when the view's filter hides it). */
function waitForNode(s: Services, id: string): Promise<ContainerNode | undefined> {
  if (s.model.containers.has(id)) return Promise.resolve(s.containers.provider.nodeFor(id));
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(), 10_000);
    const sub = s.model.onDidChange(() => s.model.containers.has(id) && done());
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve(s.containers.provider.nodeFor(id));
    }
  });
}

const SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGSTOP', 'SIGCONT'];

async function pickSignal(s: Services): Promise<string | undefined> {
  return s.prompts.pick(
    SIGNALS.map((sig) => ({ label: sig, value: sig })),
    { title: vscode.l10n.t('Signal to send'), placeholder: vscode.l10n.t('docker kill --signal') },
  );
}

/** `docker container prune`: every stopped container, after saying which. */
async function prune(s: Services): Promise<void> {
  await s.model.start();
  const stopped = [...s.model.containers.values()].filter((e) => VERB_STATES.remove.includes(e.status.kind));
  if (!stopped.length) {
    s.prompts.showInfo(vscode.l10n.t('There are no stopped containers to remove.'));
    return;
  }
  const names = stopped.map((e) => containerName(e.summary));
  if (!(await confirmDestructive(s, vscode.l10n.t('Remove all stopped containers: {0}?', list(names)), vscode.l10n.t('Remove')))) return;
  const result = await vscode.window.withProgress({ location: { viewId: 'dockerDeck.containers' }, title: vscode.l10n.t('Removing stopped containers') }, () =>
    s.log.run(['container', 'prune', '--force'], () => s.client().pruneContainers()),
  ).then(undefined, (err: Error) => {
    s.prompts.showError(vscode.l10n.t('Could not remove the stopped containers: {0}', reasonOf(err)));
    return undefined;
  });
  if (result) {
    s.prompts.showInfo(vscode.l10n.t('Removed {0} stopped containers; {1} reclaimed.', result.deleted.length, humanSize(result.spaceReclaimed)));
  }
}

/** Stops every running container, a few at a time. */
async function stopAll(s: Services): Promise<void> {
  await s.model.start();
  const running = [...s.model.containers.values()].filter((e) => VERB_STATES.stop.includes(e.status.kind));
  if (!running.length) {
    s.prompts.showInfo(vscode.l10n.t('No container is running.'));
    return;
  }
  const names = running.map((e) => containerName(e.summary));
  if (!(await confirmDestructive(s, vscode.l10n.t('Stop all running containers: {0}?', list(names)), vscode.l10n.t('Stop All')))) return;
  await runVerbOn(s, 'stop', running);
}
