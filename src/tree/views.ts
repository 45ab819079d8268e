/**
 * The two tree views and what surrounds their rows: the connection state as a
 * context key (the welcome view when the engine cannot be reached), the reason
 * as the view message, the endpoint as the description, the running badge.
 */
import * as vscode from 'vscode';
import type { EngineModel } from '../docker/engineModel';
import { ContainersTreeProvider, ContainersViewNode } from './containersTreeProvider';
import { ImagesTreeProvider, ImagesViewNode } from './imagesTreeProvider';
import type { ViewOptions } from './viewOptions';

/** Relative times in the rows ("Up 5 minutes") are redrawn this often while a view is visible. */
const REDRAW_MS = 60_000;

export interface Views extends vscode.Disposable {
  containers: { provider: ContainersTreeProvider; view: vscode.TreeView<ContainersViewNode> };
  images: { provider: ImagesTreeProvider; view: vscode.TreeView<ImagesViewNode> };
}

export function createViews(model: EngineModel, options: ViewOptions): Views {
  const containersProvider = new ContainersTreeProvider(model, options);
  const imagesProvider = new ImagesTreeProvider(model, options);
  const containersView = vscode.window.createTreeView('dockerDeck.containers', {
    treeDataProvider: containersProvider,
    canSelectMany: true,
  });
  const imagesView = vscode.window.createTreeView('dockerDeck.images', {
    treeDataProvider: imagesProvider,
    canSelectMany: true,
    showCollapseAll: true,
  });

  const present = () => {
    const state = model.state;
    void vscode.commands.executeCommand('setContext', 'dockerDeck.connection', state.status);
    // the reason names the endpoint; a view with a message shows no welcome content, so the rows under it offer what to do
    const unreachable = state.status === 'unreachable' ? state.error.message : undefined;
    containersView.message = unreachable;
    imagesView.message = unreachable;
    const filter = options.filter;
    containersView.description = filter ? vscode.l10n.t('filter: {0}', filter) : model.endpointLabel;
    imagesView.description = model.endpointLabel;
  };
  const setBadge = (running: number) => {
    containersView.badge = running > 0 ? { value: running, tooltip: vscode.l10n.t('Running containers: {0}', running) } : undefined;
  };

  let redrawTimer: NodeJS.Timeout | undefined;
  const updateRedraw = () => {
    const visible = containersView.visible || imagesView.visible;
    if (visible && !redrawTimer) {
      redrawTimer = setInterval(() => {
        containersProvider.redraw();
        imagesProvider.redraw();
      }, REDRAW_MS);
    } else if (!visible && redrawTimer) {
      clearInterval(redrawTimer);
      redrawTimer = undefined;
    }
  };

  present();
  const disposables: vscode.Disposable[] = [
    containersProvider,
    imagesProvider,
    containersView,
    imagesView,
    model.onDidChange((change) => change.connection && present()),
    options.onDidChange(present),
    containersProvider.onDidChangeRunningCount(setBadge),
    containersView.onDidChangeVisibility(updateRedraw),
    imagesView.onDidChangeVisibility(updateRedraw),
    { dispose: () => clearInterval(redrawTimer) },
  ];
  updateRedraw();
  return {
    containers: { provider: containersProvider, view: containersView },
    images: { provider: imagesProvider, view: imagesView },
    dispose: () => disposables.forEach((d) => d.dispose()),
  };
}
