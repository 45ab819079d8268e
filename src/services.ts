/** What commands and views share, built once in activate(). */
import * as vscode from 'vscode';
import type { ConnectionManager } from './connection/connectionManager';
import type { DockerClient } from './docker/client';
import type { EngineModel } from './docker/engineModel';
import type { Prompts } from './commands/prompts';
import type { StepInput } from './quickpick/multiStepInput';
import type { Log } from './log';
import type { ContainersTreeProvider, ContainersViewNode } from './tree/containersTreeProvider';
import type { ImagesTreeProvider, ImagesViewNode } from './tree/imagesTreeProvider';
import type { ViewOptions } from './tree/viewOptions';

export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly model: EngineModel;
  /** which engine is in use and why; switches it when settings, environment or the docker config change */
  readonly connection: ConnectionManager;
  /** the client for the endpoint in use now (it changes when the user switches engines) */
  client(): DockerClient;
  readonly options: ViewOptions;
  /** the questions commands ask; replaced by the extension-host tests */
  prompts: Prompts;
  /** the multi-step quick pick of the run composer; replaced by the extension-host tests */
  stepInput: () => StepInput;
  readonly containers: { provider: ContainersTreeProvider; view: vscode.TreeView<ContainersViewNode> };
  readonly images: { provider: ImagesTreeProvider; view: vscode.TreeView<ImagesViewNode> };
}
