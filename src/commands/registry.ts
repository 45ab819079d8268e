/** One table maps every command id to its handler. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { containerCommands } from './containerCommands';
import { contextCommands } from './contextCommands';
import { imageCommands } from './imageCommands';
import { inspectCommands } from './inspectCommands';
import { runCommands } from './runCommands';
import { viewCommands } from './viewCommands';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandTable = Record<string, (...args: any[]) => unknown>;

export function registerCommands(s: Services): vscode.Disposable[] {
  const table: CommandTable = { ...viewCommands(s), ...containerCommands(s), ...imageCommands(s), ...inspectCommands(s), ...runCommands(s), ...contextCommands(s) };
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        // handlers report the errors they expect; anything else still reaches the user
        const message = err instanceof Error ? err.message : String(err);
        s.log.error(`${id}: ${message}`);
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }),
  );
}
