/** Docker Deck: activate() only builds the parts and wires them together. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { windowPrompts } from './commands/prompts';
import { registerCommands } from './commands/registry';
import { ConnectionManager } from './connection/connectionManager';
import { createEngineStatusBar } from './connection/statusBar';
import { EngineModel } from './docker/engineModel';
import { Log } from './log';
import { MultiStepInput } from './quickpick/multiStepInput';
import type { Services } from './services';
import { ViewOptions } from './tree/viewOptions';
import { createViews } from './tree/views';

/** What activate() returns: the live parts, for the extension's own tests. */
export type DockerDeckApi = Services;

export function activate(context: vscode.ExtensionContext): DockerDeckApi {
  // messages from src/core come through @vscode/l10n: give it the same bundle as vscode.l10n
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  const log = new Log();
  const connection = new ConnectionManager(log);
  const model = new EngineModel(connection.client, (message) => log.info(message));
  connection.attach(model);
  const options = new ViewOptions(context.workspaceState);
  const views = createViews(model, options);
  const services: Services = {
    context,
    log,
    model,
    connection,
    client: () => connection.client,
    options,
    prompts: windowPrompts,
    stepInput: () => new MultiStepInput(),
    containers: views.containers,
    images: views.images,
  };
  context.subscriptions.push(
    log,
    model,
    connection,
    options,
    views,
    createEngineStatusBar(connection, model),
    ...registerCommands(services),
  );
  log.info(`Docker Deck ${context.extension.packageJSON.version} on VS Code ${vscode.version}`);
  return services;
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
