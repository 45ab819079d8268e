/**
 * Sums up a pull or push progress stream per layer, the way `docker pull` draws
 * its bars, into one line for a progress notification.
 */
import * as l10n from '@vscode/l10n';
import { humanSize } from './format';
import type { ProgressMessage } from './model';

interface Layer {
  status: string;
  current: number;
  total: number;
}

const DONE = /^(Pull complete|Already exists|Layer already exists|Pushed|Mounted from|Download complete)/;

export class LayerProgress {
  private readonly layers = new Map<string, Layer>();
  private last = '';

  /** Feeds one message of the stream. */
  update(msg: ProgressMessage): void {
    // "Pulling from library/alpine" carries the tag as its id; it is not a layer
    if (!msg.id || !msg.status || msg.status.startsWith('Pulling from')) {
      if (msg.status) this.last = msg.status;
      return;
    }
    const layer = this.layers.get(msg.id) ?? { status: '', current: 0, total: 0 };
    layer.status = msg.status;
    if (msg.progressDetail?.total) {
      layer.total = msg.progressDetail.total;
      layer.current = msg.progressDetail.current ?? 0;
    }
    if (DONE.test(msg.status) && layer.total) layer.current = layer.total;
    this.layers.set(msg.id, layer);
  }

  /** The part done, 0..1: by bytes when sizes are known, else by layers. */
  get fraction(): number {
    let current = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      current += l.current;
      total += l.total;
    }
    const done = [...this.layers.values()].filter((l) => DONE.test(l.status)).length;
    if (!this.layers.size) return 0;
    return total ? Math.min(1, current / total) : done / this.layers.size;
  }

  /** "2 of 5 layers · 12.3MB of 45.6MB" */
  get summary(): string {
    if (!this.layers.size) return this.last;
    const all = [...this.layers.values()];
    const done = all.filter((l) => DONE.test(l.status)).length;
    const current = all.reduce((n, l) => n + l.current, 0);
    const total = all.reduce((n, l) => n + l.total, 0);
    const bytes = total ? ` · ${l10n.t('{0} of {1}', humanSize(current), humanSize(total))}` : '';
    return `${l10n.t('{0} of {1} layers', done, all.length)}${bytes}`;
  }

  /** The final status line the engine sent ("Status: Downloaded newer image for ..."). */
  get lastStatus(): string {
    return this.last;
  }
}
