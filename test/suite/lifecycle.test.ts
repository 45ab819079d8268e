import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerDeckApi } from '../../src/extension';
import { api, docker, engineState, exists, FIXTURE, logFromHere, makeContainer, modelHas, nodeOf, ownedEngineDir, removeTestContainers, RUN_ID, scriptPrompts, uniqueName, until } from './helpers';
import { compose, IMAGE_ITEM, SUBMIT } from './stepScript';

const run = (verb: string, ...args: unknown[]) => vscode.commands.executeCommand(`dockerDeck.container.${verb}`, ...args);

describe('container lifecycle', () => {
  let deck: DockerDeckApi;
  before(async () => {
    deck = await api();
    await deck.model.start();
  });
  afterEach(removeTestContainers);

  describe('from the tree (a row, or a selection)', () => {
    const cases: { verb: string; from: 'created' | 'running' | 'paused' | 'exited'; to: string | 'gone' }[] = [
      { verb: 'start', from: 'created', to: 'running' },
      { verb: 'stop', from: 'running', to: 'exited' },
      { verb: 'kill', from: 'running', to: 'exited' },
      { verb: 'restart', from: 'exited', to: 'running' },
      { verb: 'pause', from: 'running', to: 'paused' },
      { verb: 'unpause', from: 'paused', to: 'running' },
      { verb: 'remove', from: 'exited', to: 'gone' },
      { verb: 'forceRemove', from: 'running', to: 'gone' },
    ];
    for (const { verb, from, to } of cases) {
      it(`${verb}: ${from} -> ${to}`, async () => {
        const c = await containerIn(from);
        await modelHas(deck, c.id, from);
        const prompts = scriptPrompts(deck);
        try {
          await run(verb, nodeOf(c.id));
        } finally {
          prompts.restore();
        }
        assert.deepStrictEqual(prompts.errors, []);
        if (to === 'gone') assert.strictEqual(await exists(c.id), false);
        else assert.strictEqual(await engineState(c.id), to);
        const destructive = ['kill', 'remove', 'forceRemove'].includes(verb);
        assert.strictEqual(prompts.confirms.length, destructive ? 1 : 0, 'destructive actions ask first');
      });
    }

    it('applies to each container of a selection', async () => {
      const cs = await Promise.all([1, 2, 3].map(() => makeContainer()));
      await Promise.all(cs.map((c) => modelHas(deck, c.id, 'running')));
      await run('stop', nodeOf(cs[0].id), cs.map((c) => nodeOf(c.id)));
      for (const c of cs) assert.strictEqual(await engineState(c.id), 'exited');
    });

    it('reports what failed in a mixed selection while the others proceed, and logs it as one docker command', async () => {
      const [busy, idle] = [uniqueName('busy'), uniqueName('idle')];
      const running = await makeContainer({ name: busy });
      const stopped = await makeContainer({ name: idle, start: false });
      await modelHas(deck, stopped.id, 'created');
      const log = logFromHere(deck);
      const prompts = scriptPrompts(deck);
      try {
        await run('remove', nodeOf(stopped.id), [nodeOf(stopped.id), nodeOf(running.id)]);
      } finally {
        prompts.restore();
      }
      assert.strictEqual(await exists(stopped.id), false, 'the stopped one is removed');
      assert.strictEqual(await engineState(running.id), 'running', 'the running one is left as it was');
      assert.strictEqual(prompts.errors.length, 1);
      assert.match(prompts.errors[0], /Could not remove busy-.*: You cannot remove a running container/);
      // the log reads like the terminal session that does the same: the command, then what it printed
      const lines = await log.until(/You cannot remove a running container/);
      const command = lines.findIndex((l) => l === `$ docker rm ${idle} ${busy}`);
      assert.ok(command >= 0, `the command line is logged: ${lines.join(' | ')}`);
      assert.match(lines[command + 1], new RegExp(`^  ${busy}: .*You cannot remove a running container`));
    });

    it('does nothing when the confirmation is cancelled', async () => {
      const c = await makeContainer();
      await modelHas(deck, c.id, 'running');
      const prompts = scriptPrompts(deck, { confirm: false });
      try {
        await run('forceRemove', nodeOf(c.id));
      } finally {
        prompts.restore();
      }
      assert.strictEqual(prompts.confirms.length, 1);
      assert.match(prompts.confirms[0], /Force remove/);
      assert.strictEqual(await engineState(c.id), 'running');
    });

    it('kills with another signal when asked', async () => {
      // with an init as pid 1, SIGTERM reaches sh, which ends with 0 (its trap) or 143; SIGKILL would give 137
      const c = await makeContainer({ extra: { Image: FIXTURE, HostConfig: { Init: true } } });
      await modelHas(deck, c.id, 'running');
      const prompts = scriptPrompts(deck, { pick: () => ['SIGTERM'] });
      try {
        await run('killWithSignal', nodeOf(c.id));
      } finally {
        prompts.restore();
      }
      assert.deepStrictEqual(prompts.errors, []);
      assert.deepStrictEqual(prompts.offered[0].slice(0, 2), ['SIGKILL', 'SIGTERM']);
      await modelHas(deck, c.id, 'exited');
      const state = (await docker.getContainer(c.id).inspect()).State;
      assert.ok([0, 143].includes(state.ExitCode), `exit code ${state.ExitCode}`);
    });
  });

  describe('from the palette', () => {
    it('offers only containers in a valid state, and acts on the picked ones', async () => {
      const running = await makeContainer({ name: uniqueName('pal-run') });
      const created = await makeContainer({ name: uniqueName('pal-new'), start: false });
      await modelHas(deck, created.id, 'created');
      await modelHas(deck, running.id, 'running');
      const runningName = (await running.inspect()).Name.slice(1);
      const createdName = (await created.inspect()).Name.slice(1);
      const prompts = scriptPrompts(deck, { pick: (labels) => labels.filter((l) => l === runningName) });
      try {
        await run('pause');
      } finally {
        prompts.restore();
      }
      assert.ok(prompts.offered[0].includes(runningName));
      assert.ok(!prompts.offered[0].includes(createdName), 'a created container cannot be paused');
      assert.strictEqual(await engineState(running.id), 'paused');
    });

    // creating goes through the run composer in create mode (test/suite/run.compose.test.ts has the rest)
    it('creates a container from an image, not started, and selects it', async () => {
      const name = uniqueName('made');
      const { input, prompts } = await compose(deck, 'dockerDeck.container.create', [{ pick: IMAGE_ITEM }, { pick: '--name' }, { type: name }, { pick: SUBMIT }]);
      assert.deepStrictEqual(prompts.errors, []);
      assert.strictEqual(input.last.items[0].detail, `docker create --name ${name} ${FIXTURE}`);
      assert.ok(!input.last.items.some((i) => i.label.includes('--detach')), 'docker create has no -d');
      const info = await docker.getContainer(name).inspect();
      assert.strictEqual(info.State.Status, 'created');
      await until(deck.containers.view.onDidChangeSelection, () => deck.containers.view.selection.some((n) => n.type === 'container' && n.containerId === info.Id), 'the new container selected');
      await docker.getContainer(name).remove();
    });

    it('refuses a taken name as it is typed, and creates nothing', async () => {
      const name = uniqueName('taken');
      const c = await makeContainer({ name, start: false });
      await modelHas(deck, c.id, 'created');
      const before = (await docker.listContainers({ all: true })).length;
      const { input } = await compose(deck, 'dockerDeck.container.create', [{ pick: '--name' }, { type: name }, { type: 'bad name!' }, 'back', 'cancel'], { imageId: '', reference: FIXTURE });
      assert.deepStrictEqual(input.messages, [
        `The name "${name}" is already in use.`,
        'Invalid container name "bad name!": use at least 2 characters from [a-zA-Z0-9_.-], starting with a letter or digit.',
      ]);
      assert.strictEqual((await docker.listContainers({ all: true })).length, before);
    });

    it('shows the engine\'s refusal (a bind mount of a missing path) and creates nothing', async () => {
      const before = (await docker.listContainers({ all: true })).length;
      const mount = `type=bind,source=/no-such-dir-${RUN_ID},target=/data`;
      const { prompts } = await compose(deck, 'dockerDeck.container.create', [{ pick: '--mount' }, { type: mount }, { pick: SUBMIT }], { imageId: '', reference: FIXTURE });
      assert.strictEqual(prompts.errors.length, 1);
      assert.strictEqual(prompts.errors[0], `Could not create a container from ${FIXTURE}: invalid mount config for type "bind": bind source path does not exist: /no-such-dir-${RUN_ID}`);
      assert.strictEqual((await docker.listContainers({ all: true })).length, before);
    });
  });

  describe('bulk', () => {
    it('stop all stops every running container (throwaway engine only)', async function () {
      if (!ownedEngineDir()) this.skip(); // it would stop containers this run did not make
      const cs = await Promise.all([1, 2, 3, 4, 5].map(() => makeContainer()));
      await Promise.all(cs.map((c) => modelHas(deck, c.id, 'running')));
      const prompts = scriptPrompts(deck);
      try {
        await run('stopAll');
      } finally {
        prompts.restore();
      }
      assert.strictEqual(prompts.confirms.length, 1);
      for (const c of cs) assert.strictEqual(await engineState(c.id), 'exited');
    });

    it('prune removes the stopped containers and says how many (throwaway engine only)', async function () {
      if (!ownedEngineDir()) this.skip();
      const stopped = await Promise.all([1, 2].map(() => makeContainer({ start: false })));
      const running = await makeContainer();
      await modelHas(deck, running.id, 'running');
      await Promise.all(stopped.map((c) => modelHas(deck, c.id, 'created')));
      const prompts = scriptPrompts(deck);
      try {
        await run('prune');
      } finally {
        prompts.restore();
      }
      for (const c of stopped) assert.strictEqual(await exists(c.id), false);
      assert.strictEqual(await engineState(running.id), 'running');
      assert.match(prompts.infos[0], /Removed \d+ stopped containers; .* reclaimed\./);
    });
  });

  async function containerIn(state: 'created' | 'running' | 'paused' | 'exited') {
    const c = await makeContainer({ start: state !== 'created' });
    if (state === 'paused') await c.pause();
    if (state === 'exited') await c.stop({ t: 0 });
    return c;
  }
});
