/**
 * The inspect page's own words, localized here and sent in its first message.
 * Through @vscode/l10n (activate() gives it VS Code's bundle), so the benchmark
 * and the unit tests can build the same dictionary outside the editor.
 */
import * as l10n from '@vscode/l10n';
import type { UiStrings } from './protocol';

export function inspectUiStrings(): UiStrings {
  return {
    loading: l10n.t('Asking the engine...'),
    actions: l10n.t('Actions'),
    start: l10n.t('Start'),
    stop: l10n.t('Stop'),
    restart: l10n.t('Restart'),
    pause: l10n.t('Pause'),
    unpause: l10n.t('Unpause'),
    remove: l10n.t('Remove'),
    document: l10n.t('Inspect document'),
    documentHelp: l10n.t('Arrow keys move and expand, Ctrl+C copies the value, Ctrl+Shift+C the path.'),
    search: l10n.t('Search keys and values'),
    clearSearch: l10n.t('Clear search'),
    matches: l10n.t('{0} matches'),
    oneMatch: l10n.t('1 match'),
    noMatches: l10n.t('No matches'),
    expandAll: l10n.t('Expand All'),
    collapseAll: l10n.t('Collapse All'),
    copyAll: l10n.t('Copy All'),
    copyValue: l10n.t('Copy Value'),
    copyPath: l10n.t('Copy Path'),
    keys: l10n.t('{0} keys'),
    items: l10n.t('{0} items'),
    showValue: l10n.t('Show the value of {0}'),
    hideValue: l10n.t('Hide the value of {0}'),
    hiddenValue: l10n.t('Hidden: the name looks like a secret'),
    openLink: l10n.t('Open {0} in the browser'),
    inspectContainer: l10n.t('Inspect container {0}'),
    inspectImage: l10n.t('Inspect image {0}'),
    showAll: l10n.t('Show all {0}'),
  };
}
