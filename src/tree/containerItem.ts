/** A container as a tree row, the same in both views. */
import * as vscode from 'vscode';
import { containerContextValue, describeStatus, StateLook, stateLook } from '../core/containerState';
import type { ContainerEntry } from '../core/containerView';
import { formatAllPorts, formatPublishedPorts } from '../core/format';
import { containerName } from '../core/model';
import { textTooltip } from './tooltip';

const ICONS: Record<StateLook, string> = {
  running: 'vm-running',
  healthy: 'pass-filled',
  unhealthy: 'warning',
  healthStarting: 'watch',
  paused: 'debug-pause',
  restarting: 'debug-restart',
  created: 'circle-large-outline',
  exited: 'vm-outline',
  exitedError: 'error',
  dead: 'circle-slash',
  removing: 'trash',
};

export function stateIcon(look: StateLook): vscode.ThemeIcon {
  return new vscode.ThemeIcon(ICONS[look], new vscode.ThemeColor(`dockerDeck.state.${look}`));
}

export function containerTreeItem(entry: ContainerEntry, treeId: string, now = Date.now()): vscode.TreeItem {
  const c = entry.summary;
  const item = new vscode.TreeItem(containerName(c), vscode.TreeItemCollapsibleState.None);
  const status = describeStatus(entry.status, now);
  const ports = formatPublishedPorts(c.Ports ?? []);
  item.id = treeId;
  item.description = ports.length ? `${status} · ${ports.join(', ')}` : status;
  item.iconPath = stateIcon(stateLook(entry.status));
  item.contextValue = containerContextValue(entry.status.kind);
  item.accessibilityInformation = { label: `${containerName(c)}, ${status}` };
  return item;
}

/** Built on hover, from what the list call returned. */
export function containerTooltip(entry: ContainerEntry, now = Date.now()): vscode.MarkdownString {
  const c = entry.summary;
  return textTooltip(containerName(c), describeStatus(entry.status, now), [
    [vscode.l10n.t('ID'), c.Id.slice(0, 12)],
    [vscode.l10n.t('Image'), c.Image],
    [vscode.l10n.t('Command'), c.Command],
    [vscode.l10n.t('Created'), new Date(c.Created * 1000).toLocaleString()],
    [vscode.l10n.t('Ports'), formatAllPorts(c.Ports ?? [])],
    [vscode.l10n.t('Mounts'), (c.Mounts ?? []).map((m) => `${m.Name ?? m.Source ?? ''}:${m.Destination}${m.RW === false ? ':ro' : ''}`).join(', ')],
    [vscode.l10n.t('Networks'), Object.entries(c.NetworkSettings?.Networks ?? {}).map(([name, n]) => (n.IPAddress ? `${name} (${n.IPAddress})` : name)).join(', ')],
  ]);
}
