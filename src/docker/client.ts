/**
 * Typed calls to the Docker Engine API. The only module that holds a dockerode
 * instance: every call gets a timeout and an AbortSignal, and every failure comes
 * out as a DockerError.
 */
import Docker = require('dockerode');
import type { ContainerSummary, DockerEvent, EngineVersion, ImageSummary } from '../core/model';
import { createModem, ResolvedConnection } from './connection';
import { DockerError, timeoutError, toDockerError } from './errors';

export interface CallOptions {
  /** ms; 0 for none (long operations that report progress and can be cancelled) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Calls whose typings do not list the `abortSignal` option dockerode supports. */
type Loose = { ping(o: object): Promise<unknown>; version(o: object): Promise<unknown> };

export class DockerClient {
  private readonly docker: Docker;

  constructor(
    readonly connection: ResolvedConnection,
    private readonly defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    // dockerode takes a ready modem (its typings lag behind): the endpoint is resolved by Docker Deck
    this.docker = new Docker({ modem: createModem(connection) } as Docker.DockerOptions);
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
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const controller = new AbortController();
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
      { timeoutMs: 10_000 },
    );
    const closed = new Promise<DockerError | undefined>((resolve) => {
      let buffer = '';
      const stop = () => (stream as unknown as { destroy(): void }).destroy();
      opts.signal?.addEventListener('abort', stop);
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          try {
            onEvent(JSON.parse(line) as DockerEvent);
          } catch {
            /* a malformed line is skipped; the next resync corrects anything missed */
          }
        }
      });
      stream.on('end', () => resolve(undefined));
      stream.on('close', () => resolve(undefined));
      stream.on('error', (err: unknown) => resolve(opts.signal?.aborted ? undefined : toDockerError(err, this.endpointLabel)));
    });
    return { closed };
  }
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

