/**
 * The inspect panels: one editor tab per container or image, kept live from the
 * engine model's events. The page gets data only after it says `ready`, and every
 * message it sends is checked (validateMessage.ts) before anything runs.
 */
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { ContainerVerb, containerInspectView, imageInspectView, InspectView, Link, SummaryContext } from '../core/inspectSummary';
import { copyText, formatJsonPath, PathSegment, valueAt } from '../core/jsonPath';
import { containerName, ContainerInspect, ImageHistoryItem, ImageInspect, shortId } from '../core/model';
import type { ModelChange } from '../docker/engineModel';
import { DockerError } from '../docker/errors';
import type { Services } from '../services';
import { inspectUiStrings } from './inspectStrings';
import type { HostMessage, PanelStatus } from './protocol';
import { validateMessage } from './validateMessage';

export type InspectTarget = { kind: 'container'; id: string } | { kind: 'image'; id: string; reference?: string };

export class InspectPanels implements vscode.Disposable {
  private readonly panels = new Map<string, InspectPanel>();

  constructor(private readonly s: Services) {}

  /** Opens the object's panel, or brings its open one to the front. */
  show(target: InspectTarget): void {
    const key = `${target.kind}:${target.id}`;
    const open = this.panels.get(key);
    if (open) return open.reveal();
    this.panels.set(key, new InspectPanel(this.s, target, (t) => this.show(t), () => this.panels.delete(key)));
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}

type Loaded = { kind: 'container'; doc: ContainerInspect } | { kind: 'image'; doc: ImageInspect; history: ImageHistoryItem[] };

class InspectPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private loaded: Loaded | undefined;
  private view: InspectView | null = null;
  private status: PanelStatus = { kind: 'live' };
  private pending: ContainerVerb | null = null;
  private loading: Promise<void> | undefined;
  private loadAgain = false;
  private disposed = false;

  constructor(
    private readonly s: Services,
    private readonly target: InspectTarget,
    private readonly open: (target: InspectTarget) => void,
    private readonly onDispose: () => void,
  ) {
    const extensionUri = s.context.extensionUri;
    this.panel = vscode.window.createWebviewPanel('dockerDeck.inspect', this.initialTitle(), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'docker-deck.svg');
    this.panel.webview.html = pageHtml(this.panel.webview, extensionUri);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      // a hidden page is discarded; it says `ready` again when it is shown
      this.panel.onDidChangeViewState((e) => !e.webviewPanel.visible && (this.ready = false)),
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      s.model.onDidChange((change) => this.onModelChange(change)),
    );
    this.reload();
  }

  reveal(): void {
    this.panel.reveal();
  }

  private initialTitle(): string {
    if (this.target.kind === 'image') return this.target.reference ?? shortId(this.target.id);
    const entry = this.s.model.containers.get(this.target.id);
    return entry ? containerName(entry.summary) : shortId(this.target.id);
  }

  private onModelChange(change: ModelChange): void {
    const state = this.s.model.state;
    if (change.connection && state.status === 'unreachable') return this.setStatus({ kind: 'unreachable', message: state.error.message });
    if (this.target.kind === 'container') {
      if (change.resync || change.containers.has(this.target.id) || change.removed.has(this.target.id)) this.reload();
    } else if (change.resync || change.images) {
      this.reload();
    } else if (change.containers.size || change.removed.size) {
      this.publishView(); // the containers made from the image
    }
  }

  /** Inspects again; calls while one is running are folded into one more. */
  private reload(): void {
    if (this.loading) {
      this.loadAgain = true;
      return;
    }
    this.loading = this.load().finally(() => {
      this.loading = undefined;
      if (this.loadAgain && !this.disposed) {
        this.loadAgain = false;
        this.reload();
      }
    });
  }

  private async load(): Promise<void> {
    const client = this.s.client();
    const id = this.target.id;
    try {
      if (this.target.kind === 'container') {
        this.loaded = { kind: 'container', doc: await client.inspectContainer(id) };
      } else {
        const [doc, history] = await Promise.all([client.inspectImage(id), client.imageHistory(id)]);
        this.loaded = { kind: 'image', doc, history };
      }
      this.status = { kind: 'live' };
      this.publishView();
    } catch (err) {
      const error = err as DockerError;
      if (error.kind === 'notFound') {
        const message = this.target.kind === 'container' ? vscode.l10n.t('This container was removed. The page shows it as it was last.') : vscode.l10n.t('This image was removed. The page shows it as it was last.');
        this.setStatus({ kind: 'removed', message });
      } else {
        this.s.log.warn(`inspect ${shortId(id)}: ${error.reason ?? error.message}`);
        this.setStatus({ kind: 'unreachable', message: error.message });
      }
    }
  }

  private buildView(): InspectView | null {
    if (!this.loaded) return null;
    const endpoint = this.s.client().connection.endpoint;
    const ctx: SummaryContext = {
      nowMs: Date.now(),
      formatTime: (ms) => new Date(ms).toLocaleString(vscode.env.language),
      remoteHost: endpoint.kind === 'tcp' || endpoint.kind === 'ssh' ? endpoint.host : undefined,
    };
    if (this.loaded.kind === 'container') return containerInspectView(this.loaded.doc, ctx);
    const imageId = this.loaded.doc.Id;
    const containers = [...this.s.model.containers.values()].filter((e) => e.summary.ImageID === imageId);
    return imageInspectView(this.loaded.doc, this.loaded.history, containers, ctx, this.target.kind === 'image' ? this.target.reference : undefined);
  }

  private publishView(): void {
    this.view = this.buildView();
    if (!this.view || this.disposed) return;
    this.panel.title = this.view.title;
    this.post({ type: 'view', view: this.view });
    this.post({ type: 'status', status: this.status, pending: this.pending });
  }

  private setStatus(status: PanelStatus): void {
    this.status = status;
    this.post({ type: 'status', status, pending: this.pending });
  }

  private post(message: HostMessage): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const verdict = validateMessage(raw, { objectId: this.target.id, ready: this.ready, view: this.view, removed: this.status.kind === 'removed' });
    if (!verdict.ok) {
      this.s.log.warn(`inspect ${shortId(this.target.id)}: ignored a message from the page (${verdict.reason})`);
      return;
    }
    const message = verdict.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.view = this.buildView(); // times are written anew ("Up 5 minutes")
        this.post({ type: 'init', strings: inspectUiStrings(), view: this.view, status: this.status, pending: this.pending });
        return;
      case 'action':
        void this.runAction(message.action);
        return;
      case 'copy':
        void this.copy(message.what, message.path);
        return;
      case 'open':
        void this.follow(message.link);
        return;
    }
  }

  /** The same command the tree runs, on this container. */
  private async runAction(action: ContainerVerb): Promise<void> {
    if (this.pending) return;
    this.pending = action;
    this.setStatus(this.status);
    try {
      await vscode.commands.executeCommand(`dockerDeck.container.${action}`, { type: 'container', treeId: '', containerId: this.target.id });
    } finally {
      this.pending = null;
      this.setStatus(this.status);
      this.reload();
    }
  }

  private async copy(what: 'value' | 'path', path: PathSegment[]): Promise<void> {
    const where = formatJsonPath(path);
    await vscode.env.clipboard.writeText(what === 'path' ? where : copyText(valueAt(this.view?.document, path)));
    vscode.window.setStatusBarMessage(what === 'path' ? vscode.l10n.t('Copied the path {0}', where) : vscode.l10n.t('Copied the value of {0}', where), 3000);
  }

  private async follow(link: Link): Promise<void> {
    if (link.kind === 'url') await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(link.url)));
    else this.open(link);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

/** The page: no engine data in it (that comes in messages), scripts only with the nonce, icons from VS Code's codicon font. */
function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'mainInspect.js'));
  const codicons = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'codicon.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'inspect.css'));
  // codicon.css loads codicon.ttf next to it: fonts from the extension, nothing inline
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${attr(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(codicons.toString())}">
<link rel="stylesheet" href="${attr(style.toString())}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${attr(nonce)}" src="${attr(script.toString())}"></script>
</body>
</html>`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
