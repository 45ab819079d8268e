/** Docker Deck: activate() only builds the parts and wires them together. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { windowPrompts } from './commands/prompts';
import { registerCommands } from './commands/registry';
import { DockerClient } from './docker/client';
import { resolveConnection } from './docker/connection';
import { EngineModel } from './docker/engineModel';
import { Log } from './log';
import type { Services } from './services';
import { ViewOptions } from './tree/viewOptions';
import { createViews } from './tree/views';

/** What activate() returns: the live parts, for the extension's own tests. */
export type DockerDeckApi = Services;

export function activate(context: vscode.ExtensionContext): DockerDeckApi {
  // messages from src/core come through @vscode/l10n: give it the same bundle as vscode.l10n
  l10n.config({ contents: vscode.l10n.bundle ?? {} });
  const log = new Log();
  let client = createClient();
  const model = new EngineModel(client, (message) => log.info(message));
  const options = new ViewOptions(context.workspaceState);
  const views = createViews(model, options);
  const services: Services = {
    context,
    log,
    model,
    client: () => client,
    options,
    prompts: windowPrompts,
    containers: views.containers,
    images: views.images,
  };
  context.subscriptions.push(
    log,
    model,
    options,
    views,
    ...registerCommands(services),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('dockerDeck.host')) return;
      client = createClient();
      log.info(`switching to ${client.endpointLabel}`);
      void model.setClient(client);
    }),
  );
  log.info(`Docker Deck ${context.extension.packageJSON.version} on VS Code ${vscode.version}; engine endpoint ${client.endpointLabel}`);
  return services;
}

function createClient(): DockerClient {
  const hostSetting = vscode.workspace.getConfiguration('dockerDeck').get<string>('host');
  return new DockerClient(resolveConnection({ hostSetting, env: process.env }));
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
