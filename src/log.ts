/**
 * The one log channel. Every action writes the `docker` command that does the
 * same, then its outcome, so the log reads like a terminal session.
 */
import * as vscode from 'vscode';
import { formatCommandLine } from './core/shell';
import { reasonOf } from './docker/errors';

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Docker Deck', { log: true });
  }

  /** `$ docker stop web` */
  command(argv: readonly string[]): void {
    this.channel.info(`$ ${formatCommandLine(['docker', ...argv])}`);
  }

  /** Writes the equivalent docker command, runs the call, writes its outcome. */
  async run<T>(argv: readonly string[], call: () => Promise<T>): Promise<T> {
    this.command(argv);
    try {
      const value = await call();
      this.outcome([]);
      return value;
    } catch (err) {
      this.outcome([reasonOf(err as Error)]);
      throw err;
    }
  }

  /** What a command did, under it: `ok`, or each failure with its reason, as the CLI prints them. */
  outcome(failures: readonly string[], cancelled = false): void {
    for (const failure of failures) this.channel.error(`  ${failure}`);
    if (cancelled) this.channel.warn('  cancelled');
    else if (!failures.length) this.channel.info('  ok');
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  error(message: string): void {
    this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
