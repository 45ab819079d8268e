/**
 * Typed calls to the Docker Engine API. The only module that holds a dockerode
 * instance: every call gets a timeout and an AbortSignal, and every failure comes
 * out as a DockerError.
 */
import Docker = require('dockerode');
import type { Duplex } from 'stream';
import type { ContainerCreateBody, ContainerInspect, ContainerSummary, DockerEvent, EngineVersion, ImageDeleteItem, ImageHistoryItem, ImageInspect, ImageSummary, ProgressMessage } from '../core/model';
import { cheapToInspect, openTransport, ResolvedConnection, Transport } from './connection';
import { DockerError, timeoutError, toDockerError } from './errors';

export interface CallOptions {
  /** ms; 0 for none (long operations that report progress and can be cancelled) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** An engine answers `GET /events` at once when it is there: one that stays silent longer is reported as not answering. */
export const CONNECT_TIMEOUT_MS = 3_000;

export type ContainerAction = 'start' | 'stop' | 'kill' | 'restart' | 'pause' | 'unpause' | 'remove';

export interface ContainerActionOptions {
  /** stop, restart: seconds between SIGTERM and SIGKILL (the container's own setting when absent) */
  stopTimeoutSeconds?: number;
  /** kill: default SIGKILL */
  killSignal?: string;
  /** remove: kill first if running */
  force?: boolean;
  /** remove: anonymous volumes too (`docker rm -v`) */
  removeVolumes?: boolean;
}

/** How a container's process ended, as `docker wait` tells it. */
export interface ContainerExit {
  statusCode: number;
  /** the engine's reason when waiting itself failed */
  error?: string;
}

export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

/** X-Registry-Auth, as `docker login` stores it */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress?: string;
}

/** Calls whose typings do not list the `abortSignal` option dockerode supports. */
type Loose = { ping(o: object): Promise<unknown>; version(o: object): Promise<unknown> };

export class DockerClient {
  private readonly docker: Docker;
  private readonly transport: Transport;

  constructor(
    readonly connection: ResolvedConnection,
    private readonly defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.transport = openTransport(connection);
    // dockerode takes a ready modem (its typings lag behind): the endpoint is resolved by Docker Deck
    this.docker = new Docker({ modem: this.transport.modem } as Docker.DockerOptions);
  }

  /** Closes the connections this client keeps (the SSH session, idle sockets); calls made after fail. */
  dispose(): void {
    this.transport.dispose();
  }

  get endpointLabel(): string {
    return this.connection.label;
  }

  /**
   * Runs one API call with a timeout and the caller's cancellation, mapping errors.
   * The signal reaches the request, so a timeout or a cancel really ends it.
   */
  async call<T>(what: string, fn: (signal: AbortSignal) => Promise<T>, opts: CallOptions = {}): Promise<T> {
    if (this.connection.error) throw this.connection.error;
    try {
      // an SSH session is set up once, on its own time limit: the call's timer measures the engine's answer
      await this.transport.ready(opts.signal);
    } catch (err) {
      throw toDockerError(err, this.endpointLabel);
    }
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const controller = new AbortController();
    cheapToInspect(controller.signal);
    let timedOut = false;
    const timer = timeoutMs > 0 ? setTimeout(() => ((timedOut = true), controller.abort()), timeoutMs) : undefined;
    const onAbort = () => controller.abort();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      if (opts.signal?.aborted) controller.abort();
      return await raceAbort(fn(controller.signal), controller.signal);
    } catch (err) {
      throw toDockerError(timedOut ? timeoutError(what, timeoutMs) : err, this.endpointLabel);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  ping(opts?: CallOptions): Promise<void> {
    return this.call('ping', (abortSignal) => (this.docker as Loose).ping({ abortSignal }).then(() => undefined), { timeoutMs: 5_000, ...opts });
  }

  version(opts?: CallOptions): Promise<EngineVersion> {
    return this.call('version', (abortSignal) => (this.docker as Loose).version({ abortSignal }) as Promise<EngineVersion>, opts);
  }

  listContainers(filters?: Record<string, string[]>, opts?: CallOptions): Promise<ContainerSummary[]> {
    return this.call(
      'list containers',
      (abortSignal) => this.docker.listContainers({ all: true, filters: filters ? JSON.stringify(filters) : undefined, abortSignal }) as Promise<ContainerSummary[]>,
      opts,
    );
  }

  listImages(opts?: CallOptions & { all?: boolean }): Promise<ImageSummary[]> {
    return this.call(
      'list images',
      (abortSignal) => this.docker.listImages({ all: opts?.all ?? false, abortSignal }) as Promise<ImageSummary[]>,
      opts,
    );
  }

  // ---- containers -------------------------------------------------------

  /** `POST /containers/create`; resolves with the new id. */
  async createContainer(body: ContainerCreateBody, opts?: CallOptions): Promise<string> {
    const container = await this.call('create', (abortSignal) => this.docker.createContainer({ ...body, abortSignal } as Docker.ContainerCreateOptions), opts);
    return container.id;
  }

  /** start, stop, kill, restart, pause, unpause, remove: one request each, as the CLI makes them. */
  containerAction(id: string, action: ContainerAction, opts: CallOptions & ContainerActionOptions = {}): Promise<void> {
    const path = `/containers/${encodeURIComponent(id)}`;
    const stopSeconds = opts.stopTimeoutSeconds;
    const t = stopSeconds === undefined ? '' : `?t=${stopSeconds}`;
    // stop and restart wait for the container's grace period: the request timeout must outlast it
    const graceMs = (stopSeconds ?? 10) * 1000 + this.defaultTimeoutMs;
    const requests: Record<ContainerAction, [method: 'POST' | 'DELETE', path: string, timeoutMs?: number]> = {
      start: ['POST', `${path}/start`],
      stop: ['POST', `${path}/stop${t}`, graceMs],
      restart: ['POST', `${path}/restart${t}`, graceMs],
      kill: ['POST', `${path}/kill?signal=${encodeURIComponent(opts.killSignal ?? 'SIGKILL')}`],
      pause: ['POST', `${path}/pause`],
      unpause: ['POST', `${path}/unpause`],
      remove: ['DELETE', `${path}?force=${opts.force ?? false}&v=${opts.removeVolumes ?? false}`, 60_000],
    };
    const [method, requestPath, timeoutMs] = requests[action];
    // 304 (already started / already stopped): the container is where it was asked to be
    return this.call(action, (signal) => this.send(method, requestPath, signal), { timeoutMs, ...opts }).catch((err: DockerError) => {
      if (err.kind !== 'notModified') throw err;
    });
  }

  /**
   * A request whose answer carries nothing but its status (and the daemon's reason
   * when it says no), on the modem's own connections. Bulk work makes a hundred of
   * these in a burst: going around dockerode and docker-modem cut the client's CPU
   * for 100 removes from 67 to 43 ms (2 cores), time the engine needs for the
   * removals themselves.
   */
  private send(method: 'POST' | 'DELETE', path: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = this.transport.request({ method, path, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const statusCode = res.statusCode ?? 0;
          if (statusCode >= 200 && statusCode < 300) return resolve();
          const body = Buffer.concat(chunks).toString('utf8');
          let json: unknown = body;
          try {
            json = JSON.parse(body);
          } catch {
            /* the daemon's words as they are */
          }
          // the shape docker-modem gives its errors, so that toDockerError reads both alike
          reject(Object.assign(new Error(`HTTP ${statusCode}`), { statusCode, json }));
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** `POST /containers/prune`: every stopped container. */
  async pruneContainers(opts?: CallOptions): Promise<PruneResult> {
    const r = await this.call('prune', (abortSignal) => this.docker.pruneContainers({ abortSignal }), { timeoutMs: 120_000, ...opts });
    return { deleted: r.ContainersDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0 };
  }

  inspectContainer(id: string, opts?: CallOptions): Promise<ContainerInspect> {
    return this.call('inspect', (abortSignal) => this.docker.getContainer(id).inspect({ abortSignal }) as Promise<unknown> as Promise<ContainerInspect>, opts);
  }

  /**
   * `POST /containers/{id}/attach?stream=1&stdout=1&stderr=1[&stdin=1]`, hijacked: one raw
   * two-way stream, stdin in and the output out (in 8-byte-header frames when the
   * container has no TTY). Attach before start, as the CLI does, and no output is lost.
   */
  attachContainer(id: string, opts: CallOptions & { stdin: boolean }): Promise<Duplex> {
    return this.call(
      'attach',
      (abortSignal) => this.docker.getContainer(id).attach({ stream: true, stdin: opts.stdin, stdout: true, stderr: true, hijack: true, abortSignal }) as Promise<Duplex>,
      opts,
    );
  }

  /** `POST /containers/{id}/resize`: the size of a running container's TTY. */
  resizeContainer(id: string, size: { rows: number; columns: number }, opts?: CallOptions): Promise<void> {
    return this.call('resize', async (abortSignal) => void (await this.docker.getContainer(id).resize({ h: size.rows, w: size.columns, abortSignal })), opts);
  }

  /**
   * `POST /containers/{id}/wait?condition=...`. Resolves once the engine is waiting (the
   * header of its answer is in: no exit after that is missed), with the exit to come.
   * `signal` ends the wait.
   */
  async waitContainer(id: string, condition: 'next-exit' | 'removed', opts: { signal?: AbortSignal } = {}): Promise<{ exited: Promise<ContainerExit> }> {
    const response = await this.call(
      'wait',
      (abortSignal) =>
        new Promise<NodeJS.ReadableStream>((resolve, reject) => {
          (this.docker.modem as { dial(o: object, cb: (err: unknown, stream: NodeJS.ReadableStream) => void): void }).dial(
            {
              path: `/containers/${encodeURIComponent(id)}/wait?`,
              method: 'POST',
              isStream: true,
              // the call's own signal only bounds the wait for the header; the caller's ends the whole wait
              abortSignal: opts.signal ? AbortSignal.any([abortSignal, opts.signal]) : abortSignal,
              statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
              options: { condition },
            },
            (err, stream) => (err ? reject(err) : resolve(stream)),
          );
        }),
      { signal: opts.signal },
    );
    const exited = new Promise<ContainerExit>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const finish = () => {
        try {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { StatusCode: number; Error?: { Message?: string } | null };
          resolve({ statusCode: answer.StatusCode, error: answer.Error?.Message || undefined });
        } catch {
          const cause = opts.signal?.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : new Error('the wait for the container ended without an answer');
          reject(toDockerError(cause, this.endpointLabel));
        }
      };
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
    });
    return { exited };
  }

  // ---- images -----------------------------------------------------------

  inspectImage(reference: string, opts?: CallOptions): Promise<ImageInspect> {
    return this.call('inspect image', () => this.docker.getImage(reference).inspect() as Promise<unknown> as Promise<ImageInspect>, opts);
  }

  /** `docker history`: the layers and the instructions that made them, newest first. */
  imageHistory(reference: string, opts?: CallOptions): Promise<ImageHistoryItem[]> {
    return this.call('history', () => this.docker.getImage(reference).history() as Promise<ImageHistoryItem[]>, opts);
  }

  /**
   * `docker pull`: reports each progress message; cancelling aborts the request.
   * The reference must carry a tag or digest (the API pulls every tag otherwise).
   */
  pullImage(reference: string, onProgress: (p: ProgressMessage) => void, opts: CallOptions & { auth?: RegistryAuth } = {}): Promise<void> {
    return this.call(
      'pull',
      async (abortSignal) => {
        const stream = (await this.docker.createImage(opts.auth ?? {}, { fromImage: reference, abortSignal })) as NodeJS.ReadableStream;
        await followProgress(stream, onProgress);
      },
      { timeoutMs: 0, ...opts },
    );
  }

  /** `docker push`: reports each progress message; an error inside the stream rejects. */
  pushImage(reference: string, onProgress: (p: ProgressMessage) => void, opts: CallOptions & { auth?: RegistryAuth } = {}): Promise<void> {
    return this.call(
      'push',
      async (abortSignal) => {
        // the header must always be present for push, even empty
        const stream = (await this.docker.getImage(reference).push({ authconfig: opts.auth ?? {}, abortSignal })) as NodeJS.ReadableStream;
        await followProgress(stream, onProgress);
      },
      { timeoutMs: 0, ...opts },
    );
  }

  tagImage(source: string, repo: string, tag: string, opts?: CallOptions): Promise<void> {
    return this.call('tag', async (abortSignal) => void (await this.docker.getImage(source).tag({ repo, tag, abortSignal })), opts);
  }

  /** `docker rmi`: with a `repo:tag` of an image that has other tags, only that tag goes. */
  async removeImage(reference: string, opts: CallOptions & { force?: boolean } = {}): Promise<ImageDeleteItem[]> {
    return this.call('rmi', (abortSignal) => this.docker.getImage(reference).remove({ force: opts.force ?? false, abortSignal }) as Promise<ImageDeleteItem[]>, { timeoutMs: 120_000, ...opts });
  }

  /** `docker image prune`: dangling images only. */
  async pruneImages(opts?: CallOptions): Promise<PruneResult> {
    const r = await this.call('image prune', (abortSignal) => this.docker.pruneImages({ filters: JSON.stringify({ dangling: ['true'] }), abortSignal }), { timeoutMs: 120_000, ...opts });
    return { deleted: (r.ImagesDeleted ?? []).map((d: ImageDeleteItem) => d.Deleted ?? d.Untagged ?? ''), spaceReclaimed: r.SpaceReclaimed ?? 0 };
  }

  /**
   * Opens `GET /events` for containers and images. Calls `onEvent` for each message
   * and resolves with a handle; `closed` settles when the stream ends or breaks.
   */
  async streamEvents(onEvent: (e: DockerEvent) => void, opts: { signal?: AbortSignal; since?: number } = {}): Promise<{ closed: Promise<DockerError | undefined> }> {
    const stream = await this.call(
      'events',
      (abortSignal) =>
        this.docker.getEvents({
          filters: JSON.stringify({ type: ['container', 'image'] }),
          since: opts.since,
          abortSignal,
        }) as Promise<NodeJS.ReadableStream>,
      { timeoutMs: CONNECT_TIMEOUT_MS, signal: opts.signal },
    );
    opts.signal?.addEventListener('abort', () => (stream as unknown as { destroy(): void }).destroy());
    const closed = readJsonLines(stream, (value) => onEvent(value as DockerEvent)).then(
      () => undefined,
      (err: unknown) => (opts.signal?.aborted ? undefined : toDockerError(err, this.endpointLabel)),
    );
    return { closed };
  }
}

/**
 * Reads a stream of JSON messages, one per line (events, pull and push progress).
 * Settles when the stream ends; a malformed line is skipped.
 */
function readJsonLines(stream: NodeJS.ReadableStream, onValue: (value: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          continue;
        }
        try {
          onValue(value);
        } catch (err) {
          reject(err);
        }
      }
    });
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', reject);
  });
}

/** Pull and push report failures inside a 200 answer: `{"error": "...", "errorDetail": {...}}`. */
async function followProgress(stream: NodeJS.ReadableStream, onProgress: (p: ProgressMessage) => void): Promise<void> {
  let failure: string | undefined;
  await readJsonLines(stream, (value) => {
    const p = value as ProgressMessage;
    if (p.error || p.errorDetail?.message) failure ??= p.errorDetail?.message ?? p.error;
    else onProgress(p);
  });
  if (failure) throw Object.assign(new Error(failure), { statusCode: 500, json: { message: failure } });
}

/** Rejects as soon as the signal aborts, even when the underlying call ignores it. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

