/**
 * The containers view. Rows come from the engine model; when an event changes a
 * container and the arrangement of the view stays the same, only that row is
 * redrawn, otherwise the view is rebuilt (ids are stable, so selection and
 * expansion survive).
 */
import * as vscode from 'vscode';
import { ContainerEntry, groupContainers, sortContainers, visibleContainers } from '../core/containerView';
import type { EngineModel, ModelChange } from '../docker/engineModel';
import { containerTooltip, containerTreeItem } from './containerItem';
import { ConnectionActionNode, connectionActionItem, connectionActionNodes } from './connectionRows';
import type { ViewOptions } from './viewOptions';

export type ContainerNode = { type: 'container'; treeId: string; containerId: string };
export type ContainerGroupNode = { type: 'containerGroup'; treeId: string; label: string };
export type ContainersViewNode = ContainerNode | ContainerGroupNode | ConnectionActionNode;

interface Layout {
  roots: ContainersViewNode[];
  children: Map<string, ContainerNode[]>;
  parents: Map<string, ContainerGroupNode>;
  /** container id -> its node (a container shows once in this view) */
  byContainer: Map<string, ContainerNode>;
  /** the arrangement as text, to tell whether an update moved anything */
  shape: string;
}

export class ContainersTreeProvider implements vscode.TreeDataProvider<ContainersViewNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ContainersViewNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly countEmitter = new vscode.EventEmitter<number>();
  /** fires with the number of running containers when it changes */
  readonly onDidChangeRunningCount = this.countEmitter.event;
  private layout: Layout | undefined;
  /** node objects are reused across layouts: the tree knows elements by identity */
  private nodes = new Map<string, ContainersViewNode>();
  private nextNodes = new Map<string, ContainersViewNode>();
  private runningCount = -1;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly model: EngineModel,
    private readonly options: ViewOptions,
  ) {
    this.disposables = [
      this.changeEmitter,
      this.countEmitter,
      model.onDidChange((change) => this.onModelChange(change)),
      options.onDidChange(() => this.rebuild()),
    ];
  }

  async getChildren(element?: ContainersViewNode): Promise<ContainersViewNode[]> {
    await this.model.start();
    if (this.model.state.status === 'unreachable') return element ? [] : connectionActionNodes();
    if (this.model.state.status !== 'connected') return [];
    const layout = (this.layout ??= this.buildLayout());
    if (!element) return layout.roots;
    return element.type === 'containerGroup' ? layout.children.get(element.treeId) ?? [] : [];
  }

  getTreeItem(node: ContainersViewNode): vscode.TreeItem {
    if (node.type === 'connectionAction') return connectionActionItem(node);
    if (node.type === 'containerGroup') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.treeId;
      item.description = String(this.layout?.children.get(node.treeId)?.length ?? 0);
      item.contextValue = 'containerGroup';
      return item;
    }
    const entry = this.model.containers.get(node.containerId);
    return entry ? containerTreeItem(entry, node.treeId) : new vscode.TreeItem(node.containerId.slice(0, 12));
  }

  resolveTreeItem(item: vscode.TreeItem, node: ContainersViewNode): vscode.TreeItem {
    const entry = node.type === 'container' ? this.model.containers.get(node.containerId) : undefined;
    if (entry) item.tooltip = containerTooltip(entry);
    return item;
  }

  getParent(node: ContainersViewNode): ContainersViewNode | undefined {
    return this.layout?.parents.get(node.treeId);
  }

  /** The node showing a container now, for reveal(). */
  nodeFor(containerId: string): ContainerNode | undefined {
    this.layout ??= this.buildLayout();
    return this.layout.byContainer.get(containerId);
  }

  /** Redraws every row without asking the engine: relative times ("Up 5 minutes") move on. */
  redraw(): void {
    if (this.layout) this.changeEmitter.fire(undefined);
  }

  private onModelChange(change: ModelChange): void {
    const old = this.layout;
    if (!old || change.resync || change.connection) return this.rebuild();
    const next = this.buildLayout();
    this.layout = next;
    if (next.shape !== old.shape) return this.changeEmitter.fire(undefined);
    for (const id of change.containers) {
      const node = next.byContainer.get(id);
      if (node) this.changeEmitter.fire(node);
    }
  }

  private rebuild(): void {
    this.layout = this.model.state.status === 'connected' ? this.buildLayout() : undefined;
    this.changeEmitter.fire(undefined);
  }

  private buildLayout(): Layout {
    const opts = this.options.containers;
    const entries = sortContainers(visibleContainers(this.model.containers.values(), opts), opts.sortBy);
    const layout: Layout = { roots: [], children: new Map(), parents: new Map(), byContainer: new Map(), shape: '' };
    const shape: string[] = [];
    if (opts.groupBy === 'none') {
      for (const e of entries) layout.roots.push(this.containerNode(layout, e, ''));
      shape.push(...layout.roots.map((n) => n.treeId));
    } else {
      for (const g of groupContainers(entries, opts.groupBy, this.model.images)) {
        const group = this.node<ContainerGroupNode>(`group:${g.key}`, { type: 'containerGroup', treeId: `group:${g.key}`, label: g.label });
        group.label = g.label;
        layout.roots.push(group);
        const children = g.entries.map((e) => this.containerNode(layout, e, `${group.treeId}/`));
        for (const child of children) layout.parents.set(child.treeId, group);
        layout.children.set(group.treeId, children);
        shape.push(`${group.treeId}=${group.label}[${children.map((c) => c.treeId).join(',')}]`);
      }
    }
    layout.shape = shape.join('\n');
    // only the nodes of this layout are kept, so the map does not grow with churn
    this.nodes = this.nextNodes;
    this.nextNodes = new Map();
    this.updateRunningCount();
    return layout;
  }

  private containerNode(layout: Layout, e: ContainerEntry, prefix: string): ContainerNode {
    const treeId = `${prefix}container:${e.summary.Id}`;
    const node = this.node<ContainerNode>(treeId, { type: 'container', treeId, containerId: e.summary.Id });
    layout.byContainer.set(e.summary.Id, node);
    return node;
  }

  private node<T extends ContainersViewNode>(treeId: string, fresh: T): T {
    const node = (this.nodes.get(treeId) as T | undefined) ?? fresh;
    this.nextNodes.set(treeId, node);
    return node;
  }

  private updateRunningCount(): void {
    let running = 0;
    for (const e of this.model.containers.values()) if (e.status.kind === 'running') running++;
    if (running !== this.runningCount) {
      this.runningCount = running;
      this.countEmitter.fire(running);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
