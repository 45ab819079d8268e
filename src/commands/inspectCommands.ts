/**
 * Inspect a container or an image: from a tree row, or from the palette, where a
 * picker asks which. Each object gets one panel; inspecting it again brings it back.
 */
import * as vscode from 'vscode';
import { describeStatus } from '../core/containerState';
import { containerName } from '../core/model';
import type { Services } from '../services';
import { InspectPanels } from '../webview/inspectPanel';
import type { ContainerRef } from './containerCommands';
import { ImageRef, pickImage } from './imageCommands';
import type { CommandTable } from './registry';

export function inspectCommands(s: Services): CommandTable {
  const panels = new InspectPanels(s);
  s.context.subscriptions.push(panels);
  return {
    'dockerDeck.container.inspect': async (node?: ContainerRef) => {
      const id = typeof node?.containerId === 'string' ? node.containerId : await pickContainer(s);
      if (id) panels.show({ kind: 'container', id });
    },
    'dockerDeck.image.inspect': async (node?: ImageRef) => {
      const image = typeof node?.imageId === 'string' ? node : await pickImage(s, vscode.l10n.t('Inspect an image'), false);
      if (image?.imageId) panels.show({ kind: 'image', id: image.imageId, reference: image.reference });
    },
  };
}

async function pickContainer(s: Services): Promise<string | undefined> {
  await s.model.start();
  const now = Date.now();
  const entries = [...s.model.containers.values()].sort((a, b) => containerName(a.summary).localeCompare(containerName(b.summary)));
  if (!entries.length) {
    s.prompts.showInfo(vscode.l10n.t('There are no containers to inspect.'));
    return undefined;
  }
  return s.prompts.pick(
    entries.map((e) => ({ label: containerName(e.summary), description: describeStatus(e.status, now), detail: e.summary.Image, value: e.summary.Id })),
    { title: vscode.l10n.t('Inspect a container') },
  );
}
