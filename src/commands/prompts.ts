/**
 * The questions commands ask and what they tell: pickers, confirmations, input,
 * error and information messages. Behind one interface
 * so the extension-host tests can answer them without a person (the e2e tests
 * answer the real ones in the browser).
 */
import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface Prompts {
  pick<T>(items: PickItem<T>[], opts: { title: string; placeholder?: string }): Promise<T | undefined>;
  pickMany<T>(items: PickItem<T>[], opts: { title: string; placeholder?: string }): Promise<T[] | undefined>;
  /** A modal question; true when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  input(opts: vscode.InputBoxOptions & { title: string }): Promise<string | undefined>;
  showError(message: string): void;
  showInfo(message: string): void;
}

export const windowPrompts: Prompts = {
  async pick(items, opts) {
    const picked = await vscode.window.showQuickPick(items, { title: opts.title, placeHolder: opts.placeholder, matchOnDescription: true });
    return picked?.value;
  },
  async pickMany(items, opts) {
    const picked = await vscode.window.showQuickPick(items, { title: opts.title, placeHolder: opts.placeholder, canPickMany: true, matchOnDescription: true });
    return picked?.map((p) => p.value);
  },
  async confirm(message, detail, action) {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return answer === action;
  },
  input(opts) {
    return Promise.resolve(vscode.window.showInputBox({ ignoreFocusOut: true, ...opts }));
  },
  showError(message) {
    void vscode.window.showErrorMessage(message);
  },
  showInfo(message) {
    void vscode.window.showInformationMessage(message);
  },
};
