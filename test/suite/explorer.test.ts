import * as assert from 'assert';
import type { DockerDeckApi } from '../../src/extension';
import { startDaemon, stopDaemon } from '../engine/engine';
import { api, cli, FIXTURE, LABELS, noRowWhere, ownedEngineDir, removeTestContainers, rows, rowWhere, RUN_ID, uniqueName, until } from './helpers';

const label = `${Object.keys(LABELS)[0]}=${RUN_ID}`;

describe('explorer: live from the engine\'s events', () => {
  let deck: DockerDeckApi;
  before(async () => {
    deck = await api();
    await deck.model.start();
  });
  after(removeTestContainers);

  it('follows a container through its life when the CLI changes it', async () => {
    const p = deck.containers.provider;
    const name = uniqueName('cli');
    cli('create', '--label', label, '--name', name, FIXTURE);
    let row = await rowWhere(p, (r) => r.label === name, `${name} created`);
    assert.strictEqual(row.description, 'Created');
    assert.strictEqual(row.contextValue, 'createdContainer');

    const steps: [string[], (r: { label: string; description: string; contextValue?: string; icon?: string }) => boolean, string][] = [
      [['start', name], (r) => r.contextValue === 'runningContainer' && /^Up /.test(r.description) && r.icon === 'vm-running', 'started'],
      [['pause', name], (r) => r.contextValue === 'pausedContainer' && r.description === 'Paused' && r.icon === 'debug-pause', 'paused'],
      [['unpause', name], (r) => r.contextValue === 'runningContainer', 'unpaused'],
      [['stop', '-t', '5', name], (r) => r.contextValue === 'exitedContainer' && /^Exited \(0\)/.test(r.description) && r.icon === 'vm-outline', 'stopped'],
      [['start', name], (r) => r.contextValue === 'runningContainer', 'started again'],
      [['kill', name], (r) => r.contextValue === 'exitedContainer' && /^Exited \(137\)/.test(r.description) && r.icon === 'error', 'killed'],
    ];
    for (const [args, ok, what] of steps) {
      cli(...args);
      row = await rowWhere(p, (r) => r.label === name && ok(r), `${name} ${what}`);
    }
    const renamed = `${name}-renamed`;
    cli('rename', name, renamed);
    await rowWhere(p, (r) => r.label === renamed, `${name} renamed`);
    assert.ok(!(await rows(p)).some((r) => r.label === name));
    cli('rm', renamed);
    await noRowWhere(p, (r) => r.label === renamed, `${renamed} removed`);
  });

  it('follows images: tagged, untagged, pushed and pulled back, deleted', async () => {
    const p = deck.images.provider;
    const repo = `dockerdeck/live-${RUN_ID}`;
    cli('tag', FIXTURE, `${repo}:a`);
    await rowWhere(p, (r) => r.label === repo && r.depth === 0, 'the new repository');
    await rowWhere(p, (r) => r.label === 'a' && r.contextValue === 'image', 'its tag');
    cli('tag', FIXTURE, `${repo}:b`);
    await rowWhere(p, (r) => r.label === 'b', 'a second tag');
    cli('rmi', `${repo}:a`);
    await noRowWhere(p, (r) => r.label === 'a' && r.contextValue === 'image', 'tag a gone');
    cli('rmi', `${repo}:b`);
    await noRowWhere(p, (r) => r.label === repo, 'the repository gone');
  });

  it('shows running only or all, remembered per workspace', async () => {
    const p = deck.containers.provider;
    const running = uniqueName('on');
    const stopped = uniqueName('off');
    cli('run', '-d', '--label', label, '--name', running, FIXTURE);
    cli('create', '--label', label, '--name', stopped, FIXTURE);
    await rowWhere(p, (r) => r.label === stopped, 'both listed');
    await deck.options.setRunningOnly(true);
    try {
      const labels = (await rows(p)).map((r) => r.label);
      assert.ok(labels.includes(running));
      assert.ok(!labels.includes(stopped));
      assert.strictEqual(deck.context.workspaceState.get('dockerDeck.containers.runningOnly'), true);
    } finally {
      await deck.options.setRunningOnly(false);
    }
    assert.ok((await rows(p)).some((r) => r.label === stopped));
  });

  it('groups containers under their image: one image, many containers', async () => {
    const p = deck.containers.provider;
    const names = [uniqueName('g1'), uniqueName('g2')];
    for (const n of names) cli('create', '--label', label, '--name', n, FIXTURE);
    await rowWhere(p, (r) => r.label === names[1], 'both listed');
    await deck.options.setGroupBy('image');
    try {
      const all = await until(p.onDidChangeTreeData, async () => {
        const r = await rows(p);
        return r.some((x) => x.contextValue === 'containerGroup') ? r : undefined;
      }, 'groups');
      const group = all.findIndex((r) => r.contextValue === 'containerGroup' && r.label === FIXTURE);
      assert.ok(group >= 0, `a group for ${FIXTURE}: ${JSON.stringify(all.map((r) => r.label))}`);
      const members = [];
      for (let i = group + 1; i < all.length && all[i].depth === 1; i++) members.push(all[i].label);
      for (const n of names) assert.ok(members.includes(n), `${n} under ${FIXTURE}`);
    } finally {
      await deck.options.setGroupBy('none');
    }
  });

  it('shows untagged images only when asked', async () => {
    const p = deck.images.provider;
    // committing twice to one tag leaves the first image without any tag: dangling
    const source = cli('create', '--label', label, FIXTURE);
    const tag = `dockerdeck/dangling-${RUN_ID}:x`;
    const danglingId = cli('commit', source, tag);
    cli('commit', '--change', 'LABEL second=1', source, tag);
    try {
      await until(p.onDidChangeTreeData, () => deck.model.images.has(danglingId), 'the untagged image in the model');
      assert.ok(!(await rows(p)).some((r) => r.contextValue === 'untaggedImages'), 'hidden by default');
      await deck.options.setShowDangling(true);
      const all = await rows(p);
      assert.ok(all.some((r) => r.contextValue === 'untaggedImages'));
      assert.ok(all.some((r) => r.contextValue === 'untaggedImage' && danglingId.includes(r.label)));
    } finally {
      await deck.options.setShowDangling(false);
      cli('rmi', danglingId, tag);
    }
  });

  it('after a daemon restart, says so, then lists again what changed meanwhile', async function () {
    const dir = ownedEngineDir();
    if (!dir) this.skip();
    const p = deck.containers.provider;
    const name = uniqueName('through-restart');
    cli('run', '-d', '--label', label, '--name', name, FIXTURE);
    await rowWhere(p, (r) => r.label === name && r.contextValue === 'runningContainer', 'running before the restart');
    await stopDaemon(dir!); // the daemon kills its containers on the way down
    await until(p.onDidChangeTreeData, () => deck.model.state.status === 'unreachable', 'the views to say the engine is gone');
    assert.match(deck.containers.view.message ?? '', /not running/);
    await startDaemon(dir!);
    const row = await rowWhere(p, (r) => r.label === name && r.contextValue === 'exitedContainer', 'the container listed as exited after the restart', 30_000);
    assert.match(row.description, /^Exited/);
  });
});
