/**
 * The engine in use, kept in step with what decides it: the settings
 * `dockerDeck.host` and `dockerDeck.context`, the environment, and the docker
 * CLI's config dir (its `currentContext` and contexts, watched). When the answer
 * changes, every view and the event stream move to the new engine without a reload.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { contextId, contextTarget, currentContextName, ContextInfo, DEFAULT_CONTEXT, dockerConfigDir, EngineTarget, listContexts } from '../core/dockerContext';
import { DockerClient } from '../docker/client';
import { ConnectionEnvironment, ConnectionSettings, diskReader, resolveConnection, ResolvedConnection } from '../docker/connection';
import type { EngineModel } from '../docker/engineModel';
import type { Log } from '../log';

export class ConnectionManager implements vscode.Disposable {
  private environment = processEnvironment();
  private current: DockerClient;
  private key: string;
  private model: EngineModel | undefined;
  private watchers: fs.FSWatcher[] = [];
  private watched: string | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  /** the model's first attempt on the engine switched to last */
  private attempt: Promise<void> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<DockerClient>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** fires after a switch to another engine */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    const conn = this.resolve();
    this.key = keyOf(conn);
    this.current = new DockerClient(conn);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockerDeck.host') || e.affectsConfiguration('dockerDeck.context')) void this.refresh();
      }),
    );
    this.watchDockerConfig();
    this.logResolution(conn);
  }

  get client(): DockerClient {
    return this.current;
  }

  get connection(): ResolvedConnection {
    return this.current.connection;
  }

  /** The model that follows the engine in use. */
  attach(model: EngineModel): void {
    this.model = model;
  }

  /**
   * Resolves again and switches when the engine differs. Resolves once the model
   * has tried the new engine (at once when nothing changed).
   */
  refresh(): Promise<void> {
    const conn = this.resolve();
    if (keyOf(conn) === this.key) return this.attempt;
    const attempt = this.switchTo(conn);
    this.watchDockerConfig();
    return attempt;
  }

  /** Retry: a fresh resolution and a fresh transport (TLS files and known_hosts are read again). */
  reconnect(): Promise<void> {
    if (this.model?.state.status === 'connected') return this.model.retry();
    return this.switchTo(this.resolve());
  }

  /** The environment resolution reads; tests give their own (never touching the real ~/.ssh or ~/.docker). Undefined: the process's. */
  setEnvironment(environment: Partial<ConnectionEnvironment> | undefined): Promise<void> {
    this.environment = { ...processEnvironment(), ...environment };
    const attempt = this.refresh();
    this.watchDockerConfig();
    return attempt;
  }

  /** The CLI's contexts, for the picker; unreadable ones go to the log. */
  contexts(): ContextInfo[] {
    const { contexts, problems } = listContexts({ ...this.environment, files: diskReader });
    for (const p of problems) this.log.warn(`ignoring a context: ${p}`);
    return contexts;
  }

  /** Where a context (or `default`) leads, without switching. */
  targetOf(name: string): EngineTarget {
    return contextTarget({ ...this.environment, files: diskReader }, name, 'settingContext');
  }

  /** The context the docker CLI in a terminal would use now, ignoring Docker Deck's settings. */
  cliContext(): { name: string; target: EngineTarget } {
    const inputs = { ...this.environment, files: diskReader };
    const { name, source } = currentContextName(inputs);
    return { name, target: contextTarget(inputs, name, source) };
  }

  settings(): ConnectionSettings {
    const config = vscode.workspace.getConfiguration('dockerDeck');
    return { hostSetting: config.get<string>('host'), contextSetting: config.get<string>('context') };
  }

  dispose(): void {
    this.watchers.forEach((w) => w.close());
    clearTimeout(this.settleTimer);
    this.disposables.forEach((d) => d.dispose());
    this.current.dispose();
  }

  private resolve(): ResolvedConnection {
    return resolveConnection(this.settings(), this.environment);
  }

  private switchTo(conn: ResolvedConnection): Promise<void> {
    const previous = this.current;
    this.key = keyOf(conn);
    this.current = new DockerClient(conn);
    this.logResolution(conn, true);
    this.attempt = this.model?.setClient(this.current) ?? Promise.resolve();
    previous.dispose();
    this.changed.fire(this.current);
    return this.attempt;
  }

  private logResolution(conn: ResolvedConnection, switching = false): void {
    const context = conn.contextName !== 'default' ? ` (context ${conn.contextName})` : '';
    this.log.info(`${switching ? 'switching to' : 'engine endpoint'} ${conn.label}${context}, from ${conn.source}${conn.tls ? `, TLS${conn.tls.verify ? '' : ' without verifying the server'}` : ''}`);
    if (conn.warning) this.log.warn(conn.warning);
    if (conn.error) this.log.error(conn.error.message);
  }

  /**
   * `docker context use` in a terminal (config.json), or `docker context update` of the
   * context in use (its meta directory), is followed at once. The OS's file events
   * are used directly: they are in place when this returns, wherever the config dir is.
   */
  private watchDockerConfig(): void {
    const dir = dockerConfigDir(this.environment.env, this.environment.homeDir);
    const dirs = [dir];
    const context = this.connection.contextName;
    if (context !== DEFAULT_CONTEXT) dirs.push(path.join(dir, 'contexts', 'meta', contextId(context)));
    // no config dir yet: the first `docker context create` makes it
    if (!fs.existsSync(dir)) dirs.push(path.dirname(dir));
    if (dirs.join('\n') === this.watched) return;
    this.watchers.forEach((w) => w.close());
    this.watched = dirs.join('\n');
    this.watchers = dirs.flatMap((d) => {
      try {
        return [fs.watch(d, { persistent: false }, () => this.onConfigChange()).on('error', () => undefined)];
      } catch {
        return []; // not there (a context without its meta dir): nothing to follow
      }
    });
  }

  /** The CLI writes several files at once: resolve again once they are written. */
  private onConfigChange(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.watchDockerConfig();
      void this.refresh();
    }, SETTLE_MS);
  }
}

const SETTLE_MS = 50;

/** Two resolutions that give the same key talk to the same engine the same way. */
function keyOf(conn: ResolvedConnection): string {
  return JSON.stringify([conn.label, conn.source, conn.contextName, conn.endpoint, conn.tls, conn.ssh, conn.error?.message]);
}

function processEnvironment(): ConnectionEnvironment {
  let username: string;
  try {
    username = os.userInfo().username;
  } catch {
    username = process.env.USER ?? process.env.USERNAME ?? 'root';
  }
  return { env: process.env, homeDir: os.homedir(), username, platform: process.platform };
}
