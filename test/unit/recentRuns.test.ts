import * as assert from 'assert';
import type * as vscode from 'vscode';
import { emptyRunOptions, type RunOptions } from '../../src/core/runOptions';
import { MAX_RECENT_RUNS, RecentRuns } from '../../src/quickpick/recentRuns';

/** workspaceState as VS Code keeps it: values go through JSON. */
function memento(): vscode.Memento {
  const values = new Map<string, string>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? JSON.parse(values.get(key)!) : fallback),
    update: async (key: string, value: unknown) => void (value === undefined ? values.delete(key) : values.set(key, JSON.stringify(value))),
  } as vscode.Memento;
}

const run = (image: string, changes: Partial<RunOptions> = {}): RunOptions => ({ ...emptyRunOptions(image), ...changes });

describe('RecentRuns', () => {
  it('keeps the newest first, each command line once, at most 20', async () => {
    const recent = new RecentRuns(memento());
    for (let i = 0; i < 25; i++) await recent.remember(run(`app${i}`), i);
    await recent.remember(run('app10'), 100);
    const images = recent.list().map((r) => r.options.image);
    assert.strictEqual(images.length, MAX_RECENT_RUNS);
    assert.deepStrictEqual(images.slice(0, 3), ['app10', 'app24', 'app23']);
    assert.strictEqual(images.filter((i) => i === 'app10').length, 1);
    assert.strictEqual(recent.list()[0].at, 100);
  });

  it('tells runs apart by their whole command line', async () => {
    const recent = new RecentRuns(memento());
    await recent.remember(run('nginx', { publish: ['8080:80'] }));
    await recent.remember(run('nginx', { publish: ['8081:80'] }));
    await recent.remember(run('nginx', { publish: ['8080:80'] }));
    assert.deepStrictEqual(recent.list().map((r) => r.options.publish), [['8080:80'], ['8081:80']]);
  });

  it('reads what an older version stored, and skips what it cannot read', async () => {
    const state = memento();
    await state.update('dockerDeck.recentRuns', [{ at: 5, options: { image: 'old', detach: true } }, { nonsense: true }, null]);
    const [only, ...rest] = new RecentRuns(state).list();
    assert.deepStrictEqual(rest, []);
    assert.deepStrictEqual(only.options, { ...emptyRunOptions('old'), detach: true });
  });
});
