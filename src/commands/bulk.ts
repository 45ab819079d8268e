/**
 * Runs one action on many objects: a few at a time, with progress in a
 * notification, cancellable (the cancel reaches the requests in flight), and a
 * report of what failed and why while the others go on.
 */
import * as vscode from 'vscode';
import { DockerError } from '../docker/errors';

/** Measured with 100 containers on 2 cores: 8 at a time stops and removes them faster than the CLI does (BENCHMARKS.md). */
export const BULK_CONCURRENCY = 32;

export interface BulkResult<T> {
  done: T[];
  failed: { item: T; error: Error }[];
  cancelled: boolean;
}

export interface BulkJob<T> {
  /** notification title, e.g. "Stopping 5 containers" */
  title: string;
  items: T[];
  label(item: T): string;
  run(item: T, signal: AbortSignal): Promise<void>;
  /** where a single item shows its progress (a view id); many always use a notification */
  viewId?: string;
}

export async function runBulk<T>(job: BulkJob<T>): Promise<BulkResult<T>> {
  const result: BulkResult<T> = { done: [], failed: [], cancelled: false };
  const location: vscode.ProgressOptions['location'] = job.items.length === 1 && job.viewId ? { viewId: job.viewId } : vscode.ProgressLocation.Notification;
  await vscode.window.withProgress({ location, title: job.title, cancellable: job.items.length > 1 || location === vscode.ProgressLocation.Notification }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => {
      result.cancelled = true;
      abort.abort();
    });
    const queue = [...job.items];
    const step = 100 / Math.max(1, job.items.length);
    const worker = async () => {
      for (let item = queue.shift(); item !== undefined && !abort.signal.aborted; item = queue.shift()) {
        try {
          await job.run(item, abort.signal);
          result.done.push(item);
        } catch (err) {
          if (!(err instanceof DockerError && err.kind === 'cancelled')) result.failed.push({ item, error: err as Error });
        }
        const finished = result.done.length + result.failed.length;
        progress.report({ increment: step, message: vscode.l10n.t('{0} of {1}: {2}', finished, job.items.length, job.label(item)) });
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, job.items.length) }, worker));
  });
  return result;
}

/** One message for what failed, with the engine's reason for each, short enough to read. */
export function describeFailures<T>(result: BulkResult<T>, label: (item: T) => string, failedMessage: (name: string, reason: string) => string): string {
  const shown = result.failed.slice(0, 3).map((f) => failedMessage(label(f.item), reasonOf(f.error)));
  const more = result.failed.length > 3 ? ` ${vscode.l10n.t('(and {0} more; see the log)', result.failed.length - 3)}` : '';
  return `${shown.join(' ')}${more}`;
}

/** The daemon's own words for its answers; the whole explanation when it could not be reached. */
export const reasonOf = (e: Error): string => (e instanceof DockerError && !e.isConnectionError ? e.reason : e.message);
