/**
 * The images view: repositories, a row per tag, untagged images behind a toggle,
 * and under each image the containers made from it.
 */
import * as vscode from 'vscode';
import { ContainerEntry, sortContainers } from '../core/containerView';
import { ago, humanSize } from '../core/format';
import { ImageLayout, layoutImages, tagsOf } from '../core/imageView';
import { ImageSummary, shortId } from '../core/model';
import type { EngineModel } from '../docker/engineModel';
import { containerTooltip, containerTreeItem } from './containerItem';
import { ConnectionActionNode, connectionActionItem, connectionActionNodes } from './connectionRows';
import type { ContainerNode } from './containersTreeProvider';
import { textTooltip } from './tooltip';
import type { ViewOptions } from './viewOptions';

export type RepositoryNode = { type: 'repository'; treeId: string; name: string };
export type ImageNode = { type: 'image'; treeId: string; imageId: string; /** `repo:tag`, absent for untagged images */ reference?: string };
export type UntaggedGroupNode = { type: 'untagged'; treeId: 'untagged' };
export type ImagesViewNode = RepositoryNode | ImageNode | UntaggedGroupNode | ContainerNode | ConnectionActionNode;

export class ImagesTreeProvider implements vscode.TreeDataProvider<ImagesViewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ImagesViewNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private layout: ImageLayout | undefined;
  private containersByImage: Map<string, ContainerEntry[]> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly model: EngineModel,
    private readonly options: ViewOptions,
  ) {
    this.disposables = [
      this.changeEmitter,
      model.onDidChange((change) => {
        if (change.images || change.connection || change.resync) this.layout = undefined;
        this.containersByImage = undefined;
        this.changeEmitter.fire(undefined);
      }),
      options.onDidChange(() => this.changeEmitter.fire(undefined)),
    ];
  }

  async getChildren(element?: ImagesViewNode): Promise<ImagesViewNode[]> {
    await this.model.start();
    if (this.model.state.status === 'unreachable') return element ? [] : connectionActionNodes();
    if (this.model.state.status !== 'connected') return [];
    const layout = (this.layout ??= layoutImages(this.model.images.values()));
    if (!element) {
      const roots: ImagesViewNode[] = layout.repositories.map((r) => ({ type: 'repository', treeId: `repo:${r.name}`, name: r.name }));
      if (this.options.showDangling && layout.dangling.length) roots.push({ type: 'untagged', treeId: 'untagged' });
      return roots;
    }
    switch (element.type) {
      case 'repository':
        return (layout.repositories.find((r) => r.name === element.name)?.tags ?? []).map((t) => ({
          type: 'image',
          treeId: `image:${t.reference}`,
          imageId: t.image.Id,
          reference: t.reference,
        }));
      case 'untagged':
        return layout.dangling.map((i) => ({ type: 'image', treeId: `image:${i.Id}`, imageId: i.Id }));
      case 'image':
        return this.containersOf(element.imageId).map((e) => ({
          type: 'container',
          treeId: `${element.treeId}/container:${e.summary.Id}`,
          containerId: e.summary.Id,
        }));
      case 'container':
      case 'connectionAction':
        return [];
    }
  }

  getTreeItem(node: ImagesViewNode): vscode.TreeItem {
    switch (node.type) {
      case 'connectionAction':
        return connectionActionItem(node);
      case 'repository': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.treeId;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'imageRepository';
        return item;
      }
      case 'untagged': {
        const item = new vscode.TreeItem(vscode.l10n.t('Untagged images'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.treeId;
        item.description = String(this.layout?.dangling.length ?? 0);
        item.iconPath = new vscode.ThemeIcon('question');
        item.contextValue = 'untaggedImages';
        return item;
      }
      case 'image':
        return this.imageItem(node);
      case 'container': {
        const entry = this.model.containers.get(node.containerId);
        return entry ? containerTreeItem(entry, node.treeId) : new vscode.TreeItem(node.containerId.slice(0, 12));
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: ImagesViewNode): vscode.TreeItem {
    if (node.type === 'container') {
      const entry = this.model.containers.get(node.containerId);
      if (entry) item.tooltip = containerTooltip(entry);
    } else if (node.type === 'image') {
      const image = this.model.images.get(node.imageId);
      if (image) item.tooltip = imageTooltip(image, this.containersOf(image.Id).length);
    }
    return item;
  }

  /** Redraws every row without asking the engine: ages move on. */
  redraw(): void {
    if (this.layout) this.changeEmitter.fire(undefined);
  }

  private imageItem(node: ImageNode): vscode.TreeItem {
    const image = this.model.images.get(node.imageId);
    const label = node.reference ? node.reference.slice(node.reference.lastIndexOf(':') + 1) : shortId(node.imageId);
    const hasContainers = this.containersOf(node.imageId).length > 0;
    const item = new vscode.TreeItem(label, hasContainers ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.treeId;
    item.iconPath = new vscode.ThemeIcon(node.reference ? 'tag' : 'file-binary');
    item.contextValue = node.reference ? 'image' : 'untaggedImage';
    if (image) item.description = `${humanSize(image.Size)} · ${ago(image.Created, Date.now())}`;
    return item;
  }

  private containersOf(imageId: string): ContainerEntry[] {
    if (!this.containersByImage) {
      const map = new Map<string, ContainerEntry[]>();
      for (const e of this.model.containers.values()) {
        const list = map.get(e.summary.ImageID) ?? [];
        list.push(e);
        map.set(e.summary.ImageID, list);
      }
      for (const list of map.values()) sortContainers(list, 'name');
      this.containersByImage = map;
    }
    return this.containersByImage.get(imageId) ?? [];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function imageTooltip(image: ImageSummary, containers: number): vscode.MarkdownString {
  const tags = tagsOf(image);
  return textTooltip(tags[0] ?? shortId(image.Id), undefined, [
    [vscode.l10n.t('ID'), shortId(image.Id)],
    [vscode.l10n.t('Tags'), tags.join(', ')],
    [vscode.l10n.t('Digests'), (image.RepoDigests ?? []).join(', ')],
    [vscode.l10n.t('Created'), new Date(image.Created * 1000).toLocaleString()],
    [vscode.l10n.t('Size'), humanSize(image.Size)],
    [vscode.l10n.t('Containers'), String(containers)],
  ]);
}
