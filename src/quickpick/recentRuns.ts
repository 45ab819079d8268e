/** The last runs composed in this workspace, newest first, offered again by the composer. */
import type * as vscode from 'vscode';
import { emptyRunOptions, toDockerArgs, type RunOptions } from '../core/runOptions';

export interface RecentRun {
  options: RunOptions;
  /** ms since the epoch */
  at: number;
}

const KEY = 'dockerDeck.recentRuns';
export const MAX_RECENT_RUNS = 20;

export class RecentRuns {
  constructor(private readonly state: vscode.Memento) {}

  list(): RecentRun[] {
    const stored = this.state.get<unknown>(KEY);
    if (!Array.isArray(stored)) return [];
    // what an older version stored may lack newer fields: fill them in
    return stored
      .filter((r): r is RecentRun => !!r && typeof r === 'object' && typeof (r as RecentRun).options?.image === 'string')
      .map((r) => ({ at: Number(r.at) || 0, options: { ...emptyRunOptions(), ...r.options } }));
  }

  /** Puts `options` first; the same command line is kept once. */
  async remember(options: RunOptions, now = Date.now()): Promise<void> {
    const same = sameRun(options);
    const runs = [{ options, at: now }, ...this.list().filter((r) => !same(r.options))].slice(0, MAX_RECENT_RUNS);
    await this.state.update(KEY, runs);
  }
}

function sameRun(a: RunOptions): (b: RunOptions) => boolean {
  const key = toDockerArgs(a).join('\0');
  return (b) => toDockerArgs(b).join('\0') === key;
}
