/** Commands of the views' title bars: refresh, retry, filters, grouping, sorting. */
import * as vscode from 'vscode';
import type { GroupBy, SortBy } from '../core/containerView';
import type { Services } from '../services';
import type { CommandTable } from './registry';

export function viewCommands(s: Services): CommandTable {
  return {
    'dockerDeck.connection.retry': () => s.connection.reconnect(),
    'dockerDeck.containers.refresh': () => s.model.retry(),
    'dockerDeck.images.refresh': () => s.model.retry(),
    'dockerDeck.containers.showRunningOnly': () => s.options.setRunningOnly(true),
    'dockerDeck.containers.showAll': () => s.options.setRunningOnly(false),
    'dockerDeck.images.showUntagged': () => s.options.setShowDangling(true),
    'dockerDeck.images.hideUntagged': () => s.options.setShowDangling(false),
    'dockerDeck.containers.filter': () => editFilter(s),
    'dockerDeck.containers.clearFilter': () => s.options.setFilter(''),
    'dockerDeck.containers.groupBy': () => pickGroupBy(s),
    'dockerDeck.containers.sortBy': () => pickSortBy(s),
    'dockerDeck.log.show': () => s.log.show(),
  };
}

/** Narrows the view as the user types; Escape puts the previous filter back. */
async function editFilter(s: Services): Promise<void> {
  const before = s.options.filter;
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Filter containers');
  box.placeholder = vscode.l10n.t('Name, image or ID');
  box.value = before;
  let accepted = false;
  await new Promise<void>((resolve) => {
    box.onDidChangeValue((v) => void s.options.setFilter(v));
    box.onDidAccept(() => {
      accepted = true;
      box.hide();
    });
    box.onDidHide(() => resolve());
    box.show();
  });
  box.dispose();
  if (!accepted) await s.options.setFilter(before);
}

async function pickGroupBy(s: Services): Promise<void> {
  const current = s.options.containers.groupBy;
  const items: (vscode.QuickPickItem & { value: GroupBy })[] = [
    { value: 'none', label: vscode.l10n.t('No grouping') },
    { value: 'image', label: vscode.l10n.t('Image'), description: vscode.l10n.t('the containers of each image together') },
    { value: 'compose', label: vscode.l10n.t('Compose project') },
    { value: 'state', label: vscode.l10n.t('State') },
  ];
  for (const i of items) i.picked = i.value === current;
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Group containers by') });
  if (pick) await s.options.setGroupBy(pick.value);
}

async function pickSortBy(s: Services): Promise<void> {
  const current = s.options.containers.sortBy;
  const items: (vscode.QuickPickItem & { value: SortBy })[] = [
    { value: 'created', label: vscode.l10n.t('Created'), description: vscode.l10n.t('newest first, like docker ps') },
    { value: 'name', label: vscode.l10n.t('Name') },
    { value: 'state', label: vscode.l10n.t('State') },
  ];
  for (const i of items) i.picked = i.value === current;
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sort containers by') });
  if (pick) await s.options.setSortBy(pick.value);
}
