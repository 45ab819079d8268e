/**
 * Running images: the run composer (run, create, a pasted command line), then
 * what `docker run` does with its options: pull a missing image, create,
 * attach (without -d, before the start, so no output is lost), start. And the
 * way back: a `docker run` line rebuilt from an existing container.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ContainerStateKind } from '../core/containerState';
import { normalizeImageReference } from '../core/imageRef';
import { containerName, shortId } from '../core/model';
import {
  RunOptionsError, runOptionsFromInspect, toContainerCreateOptions, toDockerArgs, toDockerRunCommand,
  type ContainerCreateOptions, type RunOptions,
} from '../core/runOptions';
import { DockerError, reasonOf } from '../docker/errors';
import { RecentRuns } from '../quickpick/recentRuns';
import { composeRun, type ComposeRequest, type ComposerWorld, type Composition } from '../quickpick/runComposer';
import type { Services } from '../services';
import { AttachedContainerTerminal } from '../terminal/attachTerminal';
import { ContainerRef, resolveTargets, revealContainer } from './containerCommands';
import { ensureImage, ImageRef, imageChoices } from './imageCommands';
import type { CommandTable } from './registry';

/** What a run command resolves with (the extension-host tests read it). */
export interface RunOutcome {
  containerId: string;
  name: string;
  /** false for a creation, and when the start failed */
  started: boolean;
  /** an attached run's terminal */
  terminal?: AttachedContainerTerminal;
}

const ANY_STATE: readonly ContainerStateKind[] = ['running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing'];

export function runCommands(s: Services): CommandTable {
  const recent = new RecentRuns(s.context.workspaceState);
  const compose = (request: ComposeRequest) => composeAndRun(s, recent, request);
  const imageOf = (node?: ImageRef) => (typeof node?.imageId === 'string' ? node.reference ?? shortId(node.imageId) : undefined);
  return {
    'dockerDeck.image.run': (node?: ImageRef) => compose({ mode: 'run', image: imageOf(node) }),
    'dockerDeck.image.create': (node?: ImageRef) => compose({ mode: 'create', image: imageOf(node) }),
    // one way to create a container, from wherever it is asked: the composer
    'dockerDeck.container.create': (node?: ImageRef) => compose({ mode: 'create', image: imageOf(node) }),
    'dockerDeck.image.runCommandLine': async () => compose({ mode: 'run', paste: await dockerLineOnClipboard() }),
    'dockerDeck.container.copyRunCommand': (node?: ContainerRef, nodes?: ContainerRef[]) => copyRunCommand(s, node, nodes),
  };
}

async function composeAndRun(s: Services, recent: RecentRuns, request: ComposeRequest): Promise<RunOutcome | undefined> {
  await s.model.start();
  const composition = await composeRun(s.stepInput(), composerWorld(s, recent), request);
  if (!composition) return undefined;
  // remembered before it runs: a run that fails (a port in use...) is the one to edit and try again
  await recent.remember(composition.options);
  return execute(s, composition);
}

function composerWorld(s: Services, recent: RecentRuns): ComposerWorld {
  return {
    // untagged images go by their short id, as `docker images` shows them
    images: () => imageChoices(s, false).map((c) => ({ reference: c.value.reference ?? c.label, description: c.description })),
    isLocal: (reference) => isLocalImage(s, reference),
    takenNames: () => new Set([...s.model.containers.values()].map((e) => containerName(e.summary))),
    recentRuns: () => recent.list(),
    copy: (text) => vscode.env.clipboard.writeText(text),
    checkEnvFile: async (file) => {
      const full = resolvePath(file);
      try {
        return (await fs.promises.stat(full)).isFile() ? undefined : vscode.l10n.t('{0} is not a file.', full);
      } catch {
        return vscode.l10n.t('There is no file {0}.', full);
      }
    },
    env: process.env,
  };
}

/** Whether the engine has the image: a tag (`ubuntu` is `ubuntu:latest`), a digest, or an id. */
function isLocalImage(s: Services, reference: string): boolean {
  const wanted = normalizeImageReference(reference);
  const id = reference.replace(/^sha256:/, '');
  return [...s.model.images.values()].some(
    (image) =>
      (image.RepoTags ?? []).some((tag) => normalizeImageReference(tag) === wanted) ||
      (image.RepoDigests ?? []).includes(reference) ||
      (/^[a-f0-9]{12,64}$/.test(id) && image.Id.replace(/^sha256:/, '').startsWith(id)),
  );
}

/** `--env-file` paths as the CLI reads them from its working directory: here, the workspace folder. */
function resolvePath(file: string): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  return path.resolve(base, file);
}

async function readEnvFiles(files: string[]): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const file of files) {
    try {
      contents[file] = await fs.promises.readFile(resolvePath(file), 'utf8');
    } catch (err) {
      throw new RunOptionsError([{ field: 'envFiles', value: file, message: vscode.l10n.t('Cannot read the env file {0}: {1}', file, (err as Error).message) }]);
    }
  }
  return contents;
}

/**
 * A `docker run` line on the clipboard goes into the paste box at once. Not in a
 * browser, where reading the clipboard asks the user for a permission.
 */
async function dockerLineOnClipboard(): Promise<string> {
  if (vscode.env.uiKind === vscode.UIKind.Web) return '';
  const text = await vscode.env.clipboard.readText().then(undefined, () => '');
  return /^\s*docker\s+(container\s+)?(run|create)\s/.test(text) ? text.trim() : '';
}

/**
 * What `docker run` (or `docker create`) does with the options. Nothing is
 * created when the options cannot be sent; when the start fails, an `--rm`
 * container is removed and any other is kept, and the user is told which.
 */
async function execute(s: Services, { mode, options }: Composition): Promise<RunOutcome | undefined> {
  const argv = [mode, ...toDockerArgs(options)];
  let body: ContainerCreateOptions;
  try {
    body = toContainerCreateOptions(options, { env: process.env, envFiles: await readEnvFiles(options.envFiles) });
  } catch (err) {
    s.log.command(argv);
    s.log.error(`  ${(err as Error).message}`);
    s.prompts.showError(vscode.l10n.t('Nothing was created: {0}', (err as Error).message));
    return undefined;
  }
  try {
    await ensureImage(s, options.image);
  } catch (err) {
    if (!isCancelled(err)) s.prompts.showError(vscode.l10n.t('Could not pull {0}: {1}', options.image, reasonOf(err as Error)));
    return undefined;
  }

  let created: { id: string; name: string } | undefined;
  let phase: 'attach' | 'start' = 'start';
  let terminal: AttachedContainerTerminal | undefined;
  try {
    await s.log.run(argv, async () => {
      const id = await s.client().createContainer({ ...body });
      // the engine names a container the user did not: ask it which name it chose
      const name = options.name || (await s.client().inspectContainer(id).then((c) => c.Name.replace(/^\//, ''), () => id.slice(0, 12)));
      created = { id, name };
      if (mode === 'create') return;
      if (!options.detach) {
        phase = 'attach';
        terminal = await AttachedContainerTerminal.attach(s, { ...created, tty: options.tty, stdin: options.interactive, autoRemove: options.rm });
        phase = 'start';
      }
      await s.client().containerAction(id, 'start');
      terminal?.started();
    });
  } catch (err) {
    terminal?.abandon();
    if (isCancelled(err)) return undefined;
    if (!created) {
      s.prompts.showError(vscode.l10n.t('Could not create a container from {0}: {1}', options.image, reasonOf(err as Error)));
      return undefined;
    }
    await notStarted(s, created, options, phase, reasonOf(err as Error));
    return { containerId: created.id, name: created.name, started: false };
  }
  if (mode === 'create' || options.detach) await revealContainer(s, created!.id);
  return { containerId: created!.id, name: created!.name, started: mode === 'run', terminal };
}

/** After a failed attach or start: `--rm` means the container goes (the engine removes it, this makes sure); else it stays. */
async function notStarted(s: Services, created: { id: string; name: string }, options: RunOptions, phase: 'attach' | 'start', reason: string): Promise<void> {
  const { id, name } = created;
  const failed = phase === 'attach' ? vscode.l10n.t('Could not attach to {0}: {1}', name, reason) : vscode.l10n.t('Could not start {0}: {1}', name, reason);
  if (!options.rm) {
    s.prompts.showError(`${failed} ${vscode.l10n.t('The container is kept, not running: fix the cause and start it, or remove it.')}`);
    await revealContainer(s, id);
    return;
  }
  const stillThere = await s.client().inspectContainer(id).then(() => true, () => false);
  if (stillThere) await s.log.run(['rm', '-f', name], () => s.client().containerAction(id, 'remove', { force: true })).catch(() => undefined);
  s.prompts.showError(`${failed} ${vscode.l10n.t('The container was removed (--rm).')}`);
}

const isCancelled = (err: unknown) => err instanceof DockerError && err.kind === 'cancelled';

/**
 * `docker run` lines that would make these containers again, from their inspect
 * data, leaving out what their image sets anyway; on the clipboard, one per line.
 */
async function copyRunCommand(s: Services, node?: ContainerRef, nodes?: ContainerRef[]): Promise<string | undefined> {
  const targets = await resolveTargets(s, ANY_STATE, vscode.l10n.t('Copy as docker run'), node, nodes);
  if (!targets?.length) return undefined;
  const lines: string[] = [];
  for (const entry of targets) {
    const name = containerName(entry.summary);
    try {
      const inspect = await s.log.run(['container', 'inspect', name], () => s.client().inspectContainer(entry.summary.Id));
      // an image removed since: nothing of it to leave out
      const image = await s.client().inspectImage(inspect.Image).catch(() => ({ Config: {} }));
      lines.push(toDockerRunCommand(runOptionsFromInspect(inspect, image)));
    } catch (err) {
      s.prompts.showError(vscode.l10n.t('Could not read {0}: {1}', name, reasonOf(err as Error)));
      return undefined;
    }
  }
  const text = lines.join('\n');
  await vscode.env.clipboard.writeText(text);
  s.prompts.showInfo(vscode.l10n.t('Copied: {0}', text));
  return text;
}
