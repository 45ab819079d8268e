/**
 * The engine in use, in the status bar: the context (or host) and whether it
 * answers; a click opens the context picker.
 */
import * as vscode from 'vscode';
import { sourceName } from '../core/dockerContext';
import type { EngineModel } from '../docker/engineModel';
import type { ConnectionManager } from './connectionManager';

export function createEngineStatusBar(connection: ConnectionManager, model: EngineModel): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dockerDeck.engine', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Docker Deck Engine');
  item.command = 'dockerDeck.context.use';

  const present = () => {
    const conn = connection.connection;
    const state = model.state;
    // a host given directly (setting, DOCKER_HOST) by its URL, else the context's name
    const name = conn.source === 'setting' || conn.source === 'DOCKER_HOST' ? conn.label : conn.contextName;
    const icon = state.status === 'connected' ? '$(vm-active)' : state.status === 'unreachable' ? '$(debug-disconnect)' : state.status === 'connecting' ? '$(loading~spin)' : '$(vm)';
    item.text = `${icon} ${name}`;
    item.backgroundColor = state.status === 'unreachable' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;

    // context names and hosts come from the user's files: text, never markdown
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(vscode.l10n.t('Docker engine: {0}', conn.label) + '\n\n');
    tooltip.appendText(vscode.l10n.t('Context: {0} (from {1})', conn.contextName, sourceName(conn.source)) + '\n\n');
    if (conn.tls) tooltip.appendText((conn.tls.verify ? vscode.l10n.t('TLS, server certificate verified') : vscode.l10n.t('TLS, server certificate NOT verified (SkipTLSVerify)')) + '\n\n');
    if (state.status === 'unreachable') tooltip.appendText(state.error.message + '\n\n');
    tooltip.appendText(vscode.l10n.t('Click to use another Docker context.'));
    item.tooltip = tooltip;
    const said = { idle: vscode.l10n.t('not connected yet'), connecting: vscode.l10n.t('connecting'), connected: vscode.l10n.t('connected'), unreachable: vscode.l10n.t('cannot be reached') };
    item.accessibilityInformation = { label: vscode.l10n.t('Docker engine {0}: {1}', name, said[state.status]) };
  };

  present();
  item.show();
  const subscriptions = [item, connection.onDidChange(present), model.onDidChange((change) => change.connection && present())];
  return { dispose: () => subscriptions.forEach((d) => d.dispose()) };
}
