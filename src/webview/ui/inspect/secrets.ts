/**
 * Environment values whose names look secret: masked in the summary and in the
 * document until the user reveals them, name by name. Revealing is never remembered.
 */

export const MASK = '••••••••';

export class Secrets {
  private names = new Set<string>();
  private readonly revealed = new Set<string>();
  private readonly watchers = new Map<string, Set<(shown: boolean) => void>>();
  private readonly anyWatchers = new Set<(name: string) => void>();

  setNames(names: readonly string[]): void {
    this.names = new Set(names);
  }

  isSecret(name: string): boolean {
    return this.names.has(name);
  }

  isShown(name: string): boolean {
    return this.revealed.has(name);
  }

  toggle(name: string): void {
    if (!this.revealed.delete(name)) this.revealed.add(name);
    const shown = this.revealed.has(name);
    this.watchers.get(name)?.forEach((w) => w(shown));
    this.anyWatchers.forEach((w) => w(name));
  }

  /** Called with the new state each time `name` is shown or hidden. */
  watch(name: string, watcher: (shown: boolean) => void): void {
    let set = this.watchers.get(name);
    if (!set) this.watchers.set(name, (set = new Set()));
    set.add(watcher);
  }

  /** Called with the name each time any value is shown or hidden. */
  watchAll(watcher: (name: string) => void): void {
    this.anyWatchers.add(watcher);
  }

  /** Forgets the per-name watchers of a page about to be drawn again. */
  clearWatchers(): void {
    this.watchers.clear();
  }
}
