/** Destructive actions ask first, in a modal that names what they affect, unless the user turned that off. */
import * as vscode from 'vscode';
import type { Services } from '../services';

export async function confirmDestructive(s: Services, message: string, action: string): Promise<boolean> {
  if (!vscode.workspace.getConfiguration('dockerDeck').get<boolean>('confirmDestructiveActions', true)) return true;
  return s.prompts.confirm(message, vscode.l10n.t('This cannot be undone. (The setting dockerDeck.confirmDestructiveActions turns this question off.)'), action);
}
