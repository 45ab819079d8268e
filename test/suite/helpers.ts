/** Shared by the extension-host tests: the extension's API, the engine, waiting on events. */
import Docker = require('dockerode');
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DockerDeckApi } from '../../src/extension';
import { FIXTURE_IMAGE, readEngineInfo, TEST_LABEL } from '../engine/engine';

export const EXTENSION_ID = 'dockerdeck.docker-deck';
export const RUN_ID = process.env.DOCKER_DECK_TEST_RUN ?? 'local';
export const FIXTURE = process.env.DOCKER_DECK_FIXTURE_IMAGE ?? FIXTURE_IMAGE;
/** labels for everything a test creates; teardown removes only what carries them */
export const LABELS = { [TEST_LABEL]: RUN_ID };

export async function api(): Promise<DockerDeckApi> {
  const ext = vscode.extensions.getExtension<DockerDeckApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

/** A client of the test's own, to set up state and check the engine's answer (not the extension's view). */
export const docker = new Docker(
  process.env.DOCKER_HOST?.startsWith('unix://') ? { socketPath: process.env.DOCKER_HOST.slice(7) } : undefined,
);

/** The throwaway engine's state dir, when this run owns the engine (so it may stop it). */
export function ownedEngineDir(): string | undefined {
  const dir = process.env.DOCKER_DECK_TEST_ENGINE;
  if (!dir) return undefined;
  try {
    return readEngineInfo(dir).owned ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves once `check` holds, re-checking each time `event` fires: tests wait on
 * what the extension announces, not on the clock. The timeout only bounds failure.
 */
export async function until<T>(event: vscode.Event<unknown> | vscode.Event<unknown>[], check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const events = Array.isArray(event) ? event : [event];
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const subs: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    const attempt = async () => {
      try {
        const value = await check();
        if (value) finish(() => resolve(value as T));
      } catch (e) {
        finish(() => reject(e));
      }
    };
    for (const e of events) subs.push(e(() => void attempt()));
    void attempt();
  });
}

export interface Row {
  label: string;
  description: string;
  contextValue?: string;
  icon?: string;
  color?: string;
  depth: number;
  id?: string;
}

/** The rows a tree provider gives, depth first, expanding everything: what a user would see. */
export async function rows<T>(provider: vscode.TreeDataProvider<T>, element?: T, depth = 0): Promise<Row[]> {
  const out: Row[] = [];
  for (const child of (await provider.getChildren(element)) ?? []) {
    const item = await provider.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    out.push({
      label,
      description: typeof item.description === 'string' ? item.description : '',
      contextValue: item.contextValue,
      icon: icon?.id,
      color: icon?.color?.id,
      depth,
      id: item.id,
    });
    if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await rows(provider, child, depth + 1)));
  }
  return out;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${RUN_ID}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A container of the fixture image, labelled; started unless asked otherwise. */
export async function makeContainer(opts: { name?: string; start?: boolean; cmd?: string[]; extra?: Docker.ContainerCreateOptions } = {}): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: FIXTURE,
    name: opts.name ?? uniqueName('t'),
    Cmd: opts.cmd,
    Labels: LABELS,
    ...opts.extra,
  });
  if (opts.start !== false) await container.start();
  return container;
}

/** Removes every container this run labelled. */
export async function removeTestContainers(): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${Object.keys(LABELS)[0]}=${RUN_ID}`] }) });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}

/** What a scripted user said and was told. */
export interface PromptLog {
  errors: string[];
  infos: string[];
  confirms: string[];
  /** validation messages shown for typed input (the user then gives up) */
  invalid: string[];
  /** the labels each picker offered */
  offered: string[][];
}

/**
 * Answers the extension's questions instead of a person: pickers choose by label,
 * confirmations answer `confirm`, inputs answer from `inputs` in order. Restore with the returned function.
 */
export function scriptPrompts(
  deck: DockerDeckApi,
  answers: { pick?: (labels: string[]) => string[] | undefined; confirm?: boolean; inputs?: (string | undefined)[] } = {},
): PromptLog & { restore(): void } {
  const original = deck.prompts;
  const log: PromptLog = { errors: [], infos: [], confirms: [], invalid: [], offered: [] };
  const choose = <T>(items: { label: string; value: T }[]) => {
    log.offered.push(items.map((i) => i.label));
    const labels = answers.pick?.(items.map((i) => i.label)) ?? [];
    return items.filter((i) => labels.includes(i.label)).map((i) => i.value);
  };
  const inputs = [...(answers.inputs ?? [])];
  deck.prompts = {
    pick: async (items) => choose(items)[0],
    pickMany: async (items) => {
      const picked = choose(items);
      return picked.length ? picked : undefined;
    },
    confirm: async (message) => {
      log.confirms.push(message);
      return answers.confirm ?? true;
    },
    input: async (opts) => {
      const value = inputs.shift();
      if (value !== undefined && opts.validateInput) {
        const problem = await opts.validateInput(value);
        if (problem) {
          log.invalid.push(typeof problem === 'string' ? problem : problem.message);
          return undefined;
        }
      }
      return value;
    },
    showError: (m) => log.errors.push(m),
    showInfo: (m) => log.infos.push(m),
  };
  return Object.assign(log, { restore: () => (deck.prompts = original) });
}

/** The engine's own view of a container's state (not the extension's). */
export async function engineState(id: string): Promise<string> {
  return (await docker.getContainer(id).inspect()).State.Status;
}

export async function exists(id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).inspect();
    return true;
  } catch {
    return false;
  }
}

/** The node a tree row passes to a command. */
export const nodeOf = (id: string) => ({ type: 'container' as const, treeId: `container:${id}`, containerId: id });

/** Waits until the extension's model has caught up with the engine for this container. */
export function modelHas(deck: DockerDeckApi, id: string, state?: string): Promise<true> {
  const check = () => {
    const e = deck.model.containers.get(id);
    return !!e && (!state || e.status.kind === state) ? (true as const) : undefined;
  };
  return until(deck.containers.provider.onDidChangeTreeData, check, `container ${id.slice(0, 12)} in the model${state ? ` as ${state}` : ''}`);
}

/** The docker CLI, as another tool changing the engine behind the extension's back. */
export function cli(...args: string[]): string {
  return require('child_process').execFileSync('docker', args, { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Resolves with the row once one matching `match` is in the provider's items. */
export function rowWhere<T>(provider: vscode.TreeDataProvider<T> & { onDidChangeTreeData?: vscode.Event<unknown> }, match: (r: Row) => boolean, what: string, timeoutMs?: number): Promise<Row> {
  return until(provider.onDidChangeTreeData!, async () => (await rows(provider)).find(match), what, timeoutMs);
}

/** Resolves once no row matches. */
export function noRowWhere<T>(provider: vscode.TreeDataProvider<T> & { onDidChangeTreeData?: vscode.Event<unknown> }, match: (r: Row) => boolean, what: string): Promise<true> {
  return until(provider.onDidChangeTreeData!, async () => ((await rows(provider)).some(match) ? undefined : true), what);
}

/** The "Docker Deck" log as VS Code writes it (the log channel's file, under the extension's log folder). */
function logFile(deck: DockerDeckApi): string {
  return path.join(deck.context.logUri.fsPath, 'Docker Deck.log');
}

/**
 * What the log shows from here on: `read()` gives the lines written since, and
 * `until(pattern)` waits for a line that matches (the file is written off the
 * extension's thread, so it is watched, not read at once).
 */
export function logFromHere(deck: DockerDeckApi): { read(): string[]; until(pattern: RegExp): Promise<string[]> } {
  const file = logFile(deck);
  const start = fs.existsSync(file) ? fs.statSync(file).size : 0;
  // lines without the logger's timestamp and level: what a user reads in the Output view
  const read = () => (fs.existsSync(file) ? fs.readFileSync(file).subarray(start).toString('utf8') : '').split('\n').filter(Boolean).map((l) => l.replace(/^\S+ \S+ \[\w+\] /, ''));
  return {
    read,
    until: (pattern) => {
      const changed = new vscode.EventEmitter<void>();
      const watcher = fs.watch(path.dirname(file), () => changed.fire());
      return until(changed.event, () => read().some((l) => pattern.test(l)) && read(), `a log line matching ${pattern}`).finally(() => {
        watcher.close();
        changed.dispose();
      });
    },
  };
}
