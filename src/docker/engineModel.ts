/**
 * What the engine has, kept exact from its event stream: one full list when a
 * connection is made, then only the containers an event names are fetched again.
 * No timers while connected; when the connection breaks it reconnects with
 * backoff and lists everything once more to catch up.
 */
import { EventEmitter } from 'events';
import { ContainerStateKind, parseContainerStatus, statusFromInspect, summaryFromInspect } from '../core/containerState';
import type { ContainerEntry } from '../core/containerView';
import type { DockerEvent, ImageSummary } from '../core/model';
import type { DockerClient } from './client';
import { DockerError, toDockerError } from './errors';

export type ConnectionState =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'unreachable'; error: DockerError };

export interface ModelChange {
  /** ids of containers added or changed */
  containers: Set<string>;
  /** ids of containers removed */
  removed: Set<string>;
  images: boolean;
  connection: boolean;
  /** everything was listed again */
  resync: boolean;
}

export interface Disposable {
  dispose(): void;
}

/** Container events after which a container's row can look different. */
const CONTAINER_ACTIONS = new Set(['create', 'start', 'restart', 'die', 'stop', 'kill', 'oom', 'pause', 'unpause', 'rename', 'update', 'health_status', 'destroy']);

/**
 * The states an event promises. The engine's list view can lag behind its events
 * (after `die` it still lists the container as running while it cleans up, for
 * tens of milliseconds); when the list contradicts the last event, the container
 * is inspected instead, which answers once the state is settled.
 */
const EXPECTED: Record<string, readonly ContainerStateKind[]> = {
  start: ['running', 'restarting', 'exited', 'dead'],
  unpause: ['running'],
  pause: ['paused'],
  die: ['exited', 'restarting', 'dead'],
};
const COALESCE_MS = 10;
/** Above this many ids in one batch, one full list is cheaper than a filter. */
const MAX_ID_FILTER = 100;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10_000;

function contradicts(action: string | undefined, listed: ContainerStateKind): boolean {
  const expected = action ? EXPECTED[action] : undefined;
  return !!expected && !expected.includes(listed);
}

export class EngineModel implements Disposable {
  readonly containers = new Map<string, ContainerEntry>();
  readonly images = new Map<string, ImageSummary>();
  private _state: ConnectionState = { status: 'idle' };
  private readonly emitter = new EventEmitter();
  /** container id -> the last event's action */
  private readonly pendingIds = new Map<string, string>();
  private readonly pendingRemovals = new Set<string>();
  private imagesDirty = false;
  private flushTimer: NodeJS.Timeout | undefined;
  /** serializes list calls so a flush never races a resync */
  private work: Promise<void> = Promise.resolve();
  private session: AbortController | undefined;
  private wakeUp: (() => void) | undefined;
  private started: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private client: DockerClient,
    private readonly log: (message: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): ConnectionState {
    return this._state;
  }

  get endpointLabel(): string {
    return this.client.endpointLabel;
  }

  onDidChange(listener: (change: ModelChange) => void): Disposable {
    this.emitter.on('change', listener);
    return { dispose: () => this.emitter.off('change', listener) };
  }

  /** Connects and lists once; later calls return the same promise. Resolves when the first attempt ends. */
  start(): Promise<void> {
    if (!this.started) {
      this.started = new Promise((firstAttemptDone) => void this.connectLoop(firstAttemptDone));
    }
    return this.started;
  }

  /** Reconnects now instead of waiting for the backoff, or lists everything again if connected. */
  async retry(): Promise<void> {
    if (!this.started) return this.start();
    if (this._state.status === 'connected') return this.enqueue(() => this.resync());
    const attempt = new Promise<void>((resolve) => this.once('attempt', resolve));
    this.wakeUp?.();
    return attempt;
  }

  /** Points the model at another engine (a context switch): everything is listed anew. */
  setClient(client: DockerClient): Promise<void> {
    this.client = client;
    this.clear();
    if (!this.started) return Promise.resolve();
    const attempt = new Promise<void>((resolve) => this.once('attempt', resolve));
    this.session?.abort();
    this.wakeUp?.();
    return attempt;
  }

  dispose(): void {
    this.disposed = true;
    this.session?.abort();
    this.wakeUp?.();
    clearTimeout(this.flushTimer);
    this.emitter.removeAllListeners();
  }

  private once(event: 'attempt', listener: () => void): void {
    this.emitter.once(event, listener);
  }

  private async connectLoop(firstAttemptDone: () => void): Promise<void> {
    let backoff = BACKOFF_FIRST_MS;
    let previous: DockerClient | undefined;
    while (!this.disposed) {
      // a switch (setClient) aborts the session: an attempt on the old client then says nothing
      const client = this.client;
      if (client !== previous) backoff = BACKOFF_FIRST_MS;
      previous = client;
      const session = new AbortController();
      this.session = session;
      let closed: Promise<DockerError | undefined> | undefined;
      try {
        if (this._state.status !== 'unreachable') this.setState({ status: 'connecting' });
        const stream = await client.streamEvents((e) => this.onEvent(e), { signal: session.signal });
        closed = stream.closed;
        await this.enqueue(() => this.resync());
        if (client !== this.client) continue;
        this.setState({ status: 'connected' });
        backoff = BACKOFF_FIRST_MS;
      } catch (err) {
        if (client !== this.client) continue;
        session.abort();
        const error = toDockerError(err, this.client.endpointLabel);
        this.log(`cannot connect to ${this.client.endpointLabel}: ${error.reason}`);
        this.clear();
        this.setState({ status: 'unreachable', error });
      }
      firstAttemptDone();
      this.emitter.emit('attempt');
      if (this.disposed) break;
      if (closed && this._state.status === 'connected') {
        const broke = await closed;
        if (this.disposed) break;
        this.log(`event stream from ${this.client.endpointLabel} ended${broke ? `: ${broke.reason}` : ''}; reconnecting`);
        continue; // reconnect at once: a restarted daemon is often back already
      }
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private setState(state: ConnectionState): void {
    const changed = state.status !== this._state.status || (state.status === 'unreachable' && this._state.status === 'unreachable' && state.error.message !== this._state.error.message);
    this._state = state;
    if (changed) this.emit({ connection: true });
  }

  private clear(): void {
    if (this.containers.size === 0 && this.images.size === 0) return;
    const removed = new Set(this.containers.keys());
    this.containers.clear();
    this.images.clear();
    this.emit({ removed, images: true, resync: true });
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.work.then(job);
    this.work = next.catch(() => undefined);
    return next;
  }

  private async resync(): Promise<void> {
    const [containers, images] = await Promise.all([this.client.listContainers(), this.client.listImages()]);
    const now = this.now();
    const seen = new Set<string>();
    for (const c of containers) {
      seen.add(c.Id);
      this.containers.set(c.Id, { summary: c, status: parseContainerStatus(c.State, c.Status, now) });
    }
    const removed = new Set([...this.containers.keys()].filter((id) => !seen.has(id)));
    for (const id of removed) this.containers.delete(id);
    this.replaceImages(images);
    this.pendingIds.clear();
    this.emit({ containers: seen, removed, images: true, resync: true });
  }

  private onEvent(e: DockerEvent): void {
    if (e.Type === 'container') {
      const action = e.Action.split(':')[0];
      if (!CONTAINER_ACTIONS.has(action)) return;
      if (action === 'destroy') {
        this.pendingIds.delete(e.Actor.ID);
        this.pendingRemovals.add(e.Actor.ID);
      } else {
        this.pendingIds.set(e.Actor.ID, action);
      }
    } else if (e.Type === 'image') {
      this.imagesDirty = true;
    } else {
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.enqueue(() => this.flush()).catch((err) => {
        const error = toDockerError(err, this.client.endpointLabel);
        this.log(`update after events failed: ${error.reason}`);
        // the engine went away under the stream: reconnect now rather than wait for the stream to notice
        if (error.isConnectionError) this.session?.abort();
      });
    }, COALESCE_MS);
  }

  private async flush(): Promise<void> {
    const pending = new Map(this.pendingIds);
    const removals = [...this.pendingRemovals];
    const images = this.imagesDirty;
    this.pendingIds.clear();
    this.pendingRemovals.clear();
    this.imagesDirty = false;

    const changed = new Set<string>();
    const removed = new Set<string>();
    for (const id of removals) if (this.containers.delete(id)) removed.add(id);
    if (pending.size) {
      const ids = [...pending.keys()];
      const full = ids.length > MAX_ID_FILTER;
      const list = await this.client.listContainers(full ? undefined : { id: ids });
      const now = this.now();
      const found = new Set<string>();
      const stale: string[] = [];
      for (const c of list) {
        found.add(c.Id);
        const entry = { summary: c, status: parseContainerStatus(c.State, c.Status, now) };
        if (contradicts(pending.get(c.Id), entry.status.kind)) stale.push(c.Id);
        if (!full || pending.has(c.Id) || !this.containers.has(c.Id)) changed.add(c.Id);
        this.containers.set(c.Id, entry);
      }
      await Promise.all(stale.map((id) => this.refreshFromInspect(id)));
      const gone = full ? [...this.containers.keys()].filter((id) => !found.has(id)) : ids.filter((id) => !found.has(id));
      for (const id of gone) if (this.containers.delete(id)) removed.add(id);
    }
    if (images) this.replaceImages(await this.client.listImages());
    if (changed.size || removed.size || images) this.emit({ containers: changed, removed, images });
  }

  private async refreshFromInspect(id: string): Promise<void> {
    try {
      const inspect = await this.client.inspectContainer(id);
      this.containers.set(id, { summary: { ...this.containers.get(id)?.summary, ...summaryFromInspect(inspect) }, status: statusFromInspect(inspect.State) });
    } catch {
      /* removed meanwhile: its destroy event follows */
    }
  }

  private replaceImages(images: ImageSummary[]): void {
    this.images.clear();
    for (const image of images) this.images.set(image.Id, image);
  }

  private emit(change: Partial<ModelChange>): void {
    this.emitter.emit('change', {
      containers: change.containers ?? new Set(),
      removed: change.removed ?? new Set(),
      images: change.images ?? false,
      connection: change.connection ?? false,
      resync: change.resync ?? false,
    } satisfies ModelChange);
  }
}
