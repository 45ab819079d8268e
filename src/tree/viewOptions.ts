/**
 * The view options users set from the title bars: remembered per workspace
 * (running only, untagged images) or in settings (group by, sort by). Context
 * keys mirror them so the title bar shows the right toggle.
 */
import * as vscode from 'vscode';
import type { ContainerViewOptions, GroupBy, SortBy } from '../core/containerView';

const RUNNING_ONLY_KEY = 'dockerDeck.containers.runningOnly';
const SHOW_DANGLING_KEY = 'dockerDeck.images.showDangling';

export class ViewOptions implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private _filter = '';
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly state: vscode.Memento) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockerDeck.containers')) this.changed.fire();
      }),
    );
    void this.updateContextKeys();
  }

  get containers(): ContainerViewOptions {
    const config = vscode.workspace.getConfiguration('dockerDeck.containers');
    return {
      runningOnly: this.runningOnly,
      filter: this._filter,
      groupBy: config.get<GroupBy>('groupBy', 'none'),
      sortBy: config.get<SortBy>('sortBy', 'created'),
    };
  }

  get runningOnly(): boolean {
    return this.state.get<boolean>(RUNNING_ONLY_KEY, false);
  }

  get showDangling(): boolean {
    return this.state.get<boolean>(SHOW_DANGLING_KEY, false);
  }

  get filter(): string {
    return this._filter;
  }

  async setRunningOnly(value: boolean): Promise<void> {
    await this.state.update(RUNNING_ONLY_KEY, value);
    await this.afterChange();
  }

  async setShowDangling(value: boolean): Promise<void> {
    await this.state.update(SHOW_DANGLING_KEY, value);
    await this.afterChange();
  }

  async setFilter(value: string): Promise<void> {
    this._filter = value.trim();
    await this.afterChange();
  }

  async setGroupBy(value: GroupBy): Promise<void> {
    await vscode.workspace.getConfiguration('dockerDeck.containers').update('groupBy', value, vscode.ConfigurationTarget.Global);
  }

  async setSortBy(value: SortBy): Promise<void> {
    await vscode.workspace.getConfiguration('dockerDeck.containers').update('sortBy', value, vscode.ConfigurationTarget.Global);
  }

  private async afterChange(): Promise<void> {
    await this.updateContextKeys();
    this.changed.fire();
  }

  private async updateContextKeys(): Promise<void> {
    await Promise.all([
      vscode.commands.executeCommand('setContext', RUNNING_ONLY_KEY, this.runningOnly),
      vscode.commands.executeCommand('setContext', SHOW_DANGLING_KEY, this.showDangling),
      vscode.commands.executeCommand('setContext', 'dockerDeck.containers.filtered', this._filter !== ''),
    ]);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
