/**
 * What both views show while the engine cannot be reached. VS Code hides a view's
 * welcome content whenever the view has a message, and the message is where the
 * reason and the endpoint go (it can hold any text); so the next steps are rows
 * under it: Retry, another context, the host setting, the log.
 */
import * as vscode from 'vscode';

export type ConnectionActionNode = { type: 'connectionAction'; treeId: string; command: vscode.Command; icon: string };

export function connectionActionNodes(): ConnectionActionNode[] {
  const row = (id: string, icon: string, title: string, command: string, args?: unknown[]): ConnectionActionNode => ({
    type: 'connectionAction',
    treeId: `connection:${id}`,
    icon,
    command: { command, title, arguments: args },
  });
  return [
    row('retry', 'debug-restart', vscode.l10n.t('Retry'), 'dockerDeck.connection.retry'),
    row('context', 'plug', vscode.l10n.t('Choose a Docker context...'), 'dockerDeck.context.use'),
    row('host', 'settings-gear', vscode.l10n.t('Set dockerDeck.host...'), 'workbench.action.openSettings', ['dockerDeck.host']),
    row('log', 'output', vscode.l10n.t('Show the log'), 'dockerDeck.log.show'),
  ];
}

export function connectionActionItem(node: ConnectionActionNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.command.title, vscode.TreeItemCollapsibleState.None);
  item.id = node.treeId;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.command = node.command;
  item.contextValue = 'connectionAction';
  return item;
}
