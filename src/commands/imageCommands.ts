/**
 * Images: pull (progress per layer, cancellable), push (the user's docker
 * credentials), tag, remove, force remove, prune. Each takes `(node?, nodes?)`
 * from the images view, or asks from the palette.
 */
import * as vscode from 'vscode';
import { humanSize } from '../core/format';
import { DEFAULT_TAG, formatImageReference, normalizeImageReference, parseImageReference } from '../core/imageRef';
import { layoutImages } from '../core/imageView';
import { shortId } from '../core/model';
import { LayerProgress } from '../core/pullProgress';
import { registryAuthFor } from '../docker/credentials';
import { DockerError, reasonOf } from '../docker/errors';
import type { Services } from '../services';
import { describeFailures, runBulk } from './bulk';
import { confirmDestructive } from './confirm';
import type { PickItem } from './prompts';
import type { CommandTable } from './registry';

/** An image row: a tag (`repo:tag`) or an untagged image (its id). */
export interface ImageRef {
  imageId: string;
  reference?: string;
}

const imageName = (i: ImageRef) => i.reference ?? shortId(i.imageId);

export function imageCommands(s: Services): CommandTable {
  return {
    'dockerDeck.image.pull': async (node?: ImageRef) => {
      const reference = node?.reference ?? (await askReference(s, vscode.l10n.t('Pull an image'), vscode.l10n.t('e.g. alpine, nginx:1.27, ghcr.io/owner/image:tag')));
      if (reference) await reportFailure(s, pullImage(s, reference), (reason) => vscode.l10n.t('Could not pull {0}: {1}', reference, reason));
    },
    'dockerDeck.image.push': async (node?: ImageRef) => {
      const image = node ?? (await pickImage(s, vscode.l10n.t('Push an image'), true));
      if (!image?.reference) return;
      await reportFailure(s, pushImage(s, image.reference), (reason) => vscode.l10n.t('Could not push {0}: {1}', image.reference!, reason));
    },
    'dockerDeck.image.tag': async (node?: ImageRef) => {
      const image = node ?? (await pickImage(s, vscode.l10n.t('Tag an image'), false));
      if (image) await tagImage(s, image);
    },
    'dockerDeck.image.remove': (node?: ImageRef, nodes?: ImageRef[]) => removeImages(s, false, node, nodes),
    'dockerDeck.image.forceRemove': (node?: ImageRef, nodes?: ImageRef[]) => removeImages(s, true, node, nodes),
    'dockerDeck.image.prune': () => pruneImages(s),
  };
}

async function reportFailure(s: Services, work: Promise<unknown>, message: (reason: string) => string): Promise<void> {
  try {
    await work;
  } catch (err) {
    if (err instanceof DockerError && err.kind === 'cancelled') return;
    s.prompts.showError(message(reasonOf(err as Error)));
  }
}

function validateReference(value: string): string | undefined {
  const parsed = parseImageReference(value);
  return parsed.ok ? undefined : parsed.error;
}

async function askReference(s: Services, title: string, placeholder: string, value?: string): Promise<string | undefined> {
  const answer = await s.prompts.input({ title, placeHolder: placeholder, value, validateInput: validateReference });
  return answer?.trim() || undefined;
}

/** The engine's images as picker entries: each tag, then (unless `taggedOnly`) the untagged ones by short id. */
export function imageChoices(s: Services, taggedOnly: boolean): PickItem<ImageRef>[] {
  const layout = layoutImages(s.model.images.values());
  const items = layout.repositories.flatMap((r) =>
    r.tags.map((t) => ({ label: t.reference, description: humanSize(t.image.Size), value: { imageId: t.image.Id, reference: t.reference } as ImageRef })),
  );
  if (!taggedOnly) items.push(...layout.dangling.map((i) => ({ label: shortId(i.Id), description: humanSize(i.Size), value: { imageId: i.Id } as ImageRef })));
  return items;
}

/** A local image from a picker. */
export async function pickImage(s: Services, title: string, taggedOnly: boolean): Promise<ImageRef | undefined> {
  await s.model.start();
  return s.prompts.pick(imageChoices(s, taggedOnly), { title });
}

/**
 * `docker pull`, with a progress notification per layer that can be cancelled.
 * A reference without tag or digest means `:latest`, as in the CLI.
 */
export async function pullImage(s: Services, input: string): Promise<void> {
  const reference = normalizeImageReference(input);
  const auth = await registryAuthFor(reference, (m) => s.log.warn(m));
  const layers = new LayerProgress();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', reference), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      await s.log.run(['pull', reference], () =>
        s.client().pullImage(
          reference,
          (msg) => {
            layers.update(msg);
            const percent = Math.floor(layers.fraction * 100);
            progress.report({ message: layers.summary, increment: percent > reported ? percent - reported : undefined });
            reported = Math.max(reported, percent);
          },
          { signal: abort.signal, auth },
        ),
      );
    },
  );
  if (layers.lastStatus) s.log.info(`  ${layers.lastStatus}`);
}

/** What `docker create` and `docker run` do first: pull the image when the engine lacks it. */
export async function ensureImage(s: Services, reference: string): Promise<void> {
  try {
    await s.client().inspectImage(reference);
  } catch (err) {
    if (!(err instanceof DockerError && err.kind === 'notFound')) throw err;
    s.log.info(`Unable to find image '${reference}' locally`);
    await pullImage(s, reference);
  }
}

async function pushImage(s: Services, reference: string): Promise<void> {
  const auth = await registryAuthFor(reference, (m) => s.log.warn(m));
  const layers = new LayerProgress();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing {0}', reference), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      await s.log.run(['push', reference], () =>
        s.client().pushImage(
          reference,
          (msg) => {
            layers.update(msg);
            progress.report({ message: layers.summary });
          },
          { signal: abort.signal, auth },
        ),
      );
    },
  );
  s.prompts.showInfo(vscode.l10n.t('Pushed {0}.', reference));
}

async function tagImage(s: Services, image: ImageRef): Promise<void> {
  const target = await askReference(s, vscode.l10n.t('Tag {0} as', imageName(image)), vscode.l10n.t('repository[:tag], e.g. localhost:5000/app:1.0'), image.reference);
  if (!target) return;
  const parsed = parseImageReference(target);
  if (!parsed.ok) return;
  if (parsed.value.digest) {
    s.prompts.showError(vscode.l10n.t('A tag cannot contain a digest: {0}', target));
    return;
  }
  const repo = formatImageReference({ ...parsed.value, tag: undefined });
  const tag = parsed.value.tag ?? DEFAULT_TAG;
  await reportFailure(s, 
    s.log.run(['tag', imageName(image), `${repo}:${tag}`], () => s.client().tagImage(image.reference ?? image.imageId, repo, tag)),
    (reason) => vscode.l10n.t('Could not tag {0}: {1}', imageName(image), reason),
  );
}

async function removeImages(s: Services, force: boolean, node?: ImageRef, nodes?: ImageRef[]): Promise<void> {
  let targets = (nodes?.length ? nodes : node ? [node] : []).filter((n) => typeof n?.imageId === 'string');
  if (!targets.length) {
    const picked = await pickImage(s, force ? vscode.l10n.t('Force remove an image') : vscode.l10n.t('Remove an image'), false);
    if (!picked) return;
    targets = [picked];
  }
  const names = targets.map(imageName);
  const question = force
    ? vscode.l10n.t('Force remove {0}? Containers made from it keep running but lose their image name.', names.join(', '))
    : vscode.l10n.t('Remove {0}?', names.join(', '));
  if (!(await confirmDestructive(s, question, force ? vscode.l10n.t('Force Remove') : vscode.l10n.t('Remove')))) return;
  const result = await runBulk({
    title: vscode.l10n.t('Removing {0} images', targets.length),
    items: targets,
    label: imageName,
    viewId: 'dockerDeck.images',
    command: ['rmi', ...(force ? ['-f'] : []), ...names],
    log: s.log,
    run: (image, signal) => s.client().removeImage(image.reference ?? image.imageId, { force, signal }).then(() => undefined),
  });
  if (result.failed.length) s.prompts.showError(describeFailures(result, imageName, (name, reason) => vscode.l10n.t('Could not remove {0}: {1}', name, reason)));
}

async function pruneImages(s: Services): Promise<void> {
  await s.model.start();
  const dangling = layoutImages(s.model.images.values()).dangling;
  if (!dangling.length) {
    s.prompts.showInfo(vscode.l10n.t('There are no untagged images to remove.'));
    return;
  }
  const total = humanSize(dangling.reduce((n, i) => n + i.Size, 0));
  if (!(await confirmDestructive(s, vscode.l10n.t('Remove {0} untagged images ({1})?', dangling.length, total), vscode.l10n.t('Remove')))) return;
  try {
    const result = await vscode.window.withProgress({ location: { viewId: 'dockerDeck.images' }, title: vscode.l10n.t('Removing untagged images') }, () =>
      s.log.run(['image', 'prune', '--force'], () => s.client().pruneImages()),
    );
    s.prompts.showInfo(vscode.l10n.t('Removed {0} untagged images; {1} reclaimed.', result.deleted.length, humanSize(result.spaceReclaimed)));
  } catch (err) {
    s.prompts.showError(vscode.l10n.t('Could not remove the untagged images: {0}', reasonOf(err as Error)));
  }
}
