/**
 * Runs one action on many objects: a bounded number at a time, with progress in
 * a notification when it takes more than a moment, cancellable (the cancel
 * reaches the requests in flight), and a report of what failed and why while
 * the others go on.
 */
import * as vscode from 'vscode';
import { DockerError, reasonOf } from '../docker/errors';
import type { Log } from '../log';

/** The docker CLI runs 50 at a time; on 2 cores 32 is as fast for 100 containers (BENCHMARKS.md). */
export const BULK_CONCURRENCY = 32;
const PROGRESS_INTERVAL_MS = 150;
const PROGRESS_DELAY_MS = 500;

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
  /** the one docker command that does the same to every item (`rm a b c`), written to the log with what failed */
  command: readonly string[];
  log: Log;
}

export async function runBulk<T>(job: BulkJob<T>): Promise<BulkResult<T>> {
  job.log.command(job.command);
  const result: BulkResult<T> = { done: [], failed: [], cancelled: false };
  const abort = new AbortController();
  let progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  let reported = 0;
  let lastReport = 0;
  let lastItem: T | undefined;
  // progress goes to the window process: a few reports a second, not one per item
  const report = (force = false) => {
    const finished = result.done.length + result.failed.length;
    const now = Date.now();
    if (!progress || lastItem === undefined || (!force && now - lastReport < PROGRESS_INTERVAL_MS)) return;
    lastReport = now;
    progress.report({ increment: ((finished - reported) * 100) / job.items.length, message: vscode.l10n.t('{0} of {1}: {2}', finished, job.items.length, job.label(lastItem)) });
    reported = finished;
  };
  const queue = [...job.items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined && !abort.signal.aborted; item = queue.shift()) {
      try {
        await job.run(item, abort.signal);
        result.done.push(item);
      } catch (err) {
        if (!(err instanceof DockerError && err.kind === 'cancelled')) result.failed.push({ item, error: err as Error });
      }
      lastItem = item;
      report(queue.length === 0);
    }
  };
  const work = Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, job.items.length) }, worker));

  // Work done within a moment needs no notification: it would only flash (and drawing it costs the
  // window time the engine could use). Longer work shows its progress and can be cancelled.
  let timer: NodeJS.Timeout | undefined;
  const quick = await Promise.race([work.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PROGRESS_DELAY_MS)))]);
  clearTimeout(timer);
  if (!quick) {
    const location: vscode.ProgressOptions['location'] = job.items.length === 1 && job.viewId ? { viewId: job.viewId } : vscode.ProgressLocation.Notification;
    await vscode.window.withProgress({ location, title: job.title, cancellable: true }, async (p, token) => {
      token.onCancellationRequested(() => {
        result.cancelled = true;
        abort.abort();
      });
      progress = p;
      report(true);
      await work;
    });
  }
  await work;
  job.log.outcome(result.failed.map((f) => `${job.label(f.item)}: ${reasonOf(f.error)}`), result.cancelled);
  return result;
}

/** One message for what failed, with the engine's reason for each, short enough to read. */
export function describeFailures<T>(result: BulkResult<T>, label: (item: T) => string, failedMessage: (name: string, reason: string) => string): string {
  const shown = result.failed.slice(0, 3).map((f) => failedMessage(label(f.item), reasonOf(f.error)));
  const more = result.failed.length > 3 ? ` ${vscode.l10n.t('(and {0} more; see the log)', result.failed.length - 3)}` : '';
  return `${shown.join(' ')}${more}`;
}
