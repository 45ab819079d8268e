/**
 * The one log channel. Every action writes the `docker` command that does the
 * same, then its outcome, so the log reads like a terminal session.
 */
import * as vscode from 'vscode';
import { formatCommandLine } from './core/shell';
import { DockerError } from './docker/errors';

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
      this.channel.info('  ok');
      return value;
    } catch (err) {
      this.channel.error(`  ${err instanceof DockerError && !err.isConnectionError ? err.reason : (err as Error).message}`);
      throw err;
    }
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
