/**
 * What happens after the composer: attached runs in a terminal (through the
 * API's attach stream), and starts that fail.
 */
import * as assert from 'assert';
import * as net from 'net';
import * as vscode from 'vscode';
import type { DockerDeckApi } from '../../src/extension';
import type { AttachedContainerTerminal } from '../../src/terminal/attachTerminal';
import { api, docker, engineState, exists, FIXTURE, LABELS, modelHas, removeTestContainers, RUN_ID, scriptPrompts, uniqueName, until } from './helpers';
import { compose, freePort, IMAGE_ITEM, SUBMIT } from './stepScript';

const LABEL = `${Object.keys(LABELS)[0]}=${RUN_ID}`;

/** Everything the terminal shows, as it comes. */
function output(pty: AttachedContainerTerminal): { text: () => string } {
  let text = '';
  pty.onDidWrite((data) => (text += data));
  return { text: () => text };
}

const exitOf = (pty: AttachedContainerTerminal) => until(pty.onDidExit, () => pty.exited, 'the container to exit');

describe('run: attached and failing', () => {
  let deck: DockerDeckApi;
  before(async () => {
    deck = await api();
    await deck.model.start();
  });
  afterEach(removeTestContainers);

  it('-it --rm: a terminal attached through the API takes typed input and its size, shows the output, and the container is gone after exit', async () => {
    const token = `tok${Date.now()}`;
    const { outcome, prompts } = await compose(deck, 'dockerDeck.image.run', [
      { pick: IMAGE_ITEM },
      { pick: '-d, --detach' }, { pick: '-i, --interactive' }, { pick: '-t, --tty' }, { pick: '--rm' },
      { pick: '-l, --label' }, { type: LABEL },
      { pick: 'COMMAND' }, { type: 'sh' },
      (q) => {
        assert.strictEqual(q.items[0].detail, `docker run --rm -it -l ${LABEL} ${FIXTURE} sh`);
        return { pick: SUBMIT };
      },
    ]);
    assert.deepStrictEqual(prompts.errors, []);
    const pty = outcome!.terminal!;
    assert.ok(pty, 'an attached run opens a terminal');
    assert.strictEqual(await engineState(outcome!.containerId), 'running');
    const screen = output(pty);
    // the workbench gives the terminal its own size when it opens it: a size set before that would be overtaken
    await until(pty.onDidOpen, () => pty.isOpen, 'the workbench to open the terminal');
    // the terminal's size reaches the container's TTY (POST /containers/{id}/resize) before what is typed next
    pty.setDimensions({ columns: 101, rows: 33 });
    pty.handleInput('stty size\r');
    await until(pty.onDidWrite, () => screen.text().includes('33 101'), 'the new size inside the container');
    pty.handleInput(`echo hello-$((6*7))-${token}; exit 0\r`);
    // the shell's TTY echoes the line as typed; only the shell's answer has 42 in it
    await until(pty.onDidWrite, () => screen.text().includes(`hello-42-${token}`), 'the output of the typed command');
    assert.deepStrictEqual(await exitOf(pty), { statusCode: 0, error: undefined });
    assert.strictEqual(await exists(outcome!.containerId), false, '--rm: gone once it exited');
  });

  it('-i without -t: the multiplexed output is split into stdout and stderr, typed lines are echoed and sent', async () => {
    const { outcome } = await compose(deck, 'dockerDeck.image.runCommandLine', [
      { type: `docker run -i -l ${LABEL} ${FIXTURE} sh -c 'read line; echo out-$line; echo err-$line >&2; exit 3'` },
      { pick: SUBMIT },
    ]);
    const pty = outcome!.terminal!;
    const screen = output(pty);
    pty.handleInput('ab\x7fc\r');
    assert.deepStrictEqual(await exitOf(pty), { statusCode: 3, error: undefined });
    await until(pty.onDidWrite, () => screen.text().includes('exited with code 3'), 'the exit to be told');
    const text = screen.text();
    assert.ok(text.startsWith('ab\b \bc\r\n'), `local echo with backspace: ${JSON.stringify(text)}`);
    assert.ok(text.includes('out-ac\r\n') && text.includes('err-ac\r\n'), JSON.stringify(text));
    assert.ok(!/[\x00-\x02]/.test(text), 'no frame headers in the output');
    assert.strictEqual(await engineState(outcome!.containerId), 'exited', 'without --rm the container stays');
  });

  it('closing the terminal of a running --rm container stops it, and it is gone', async () => {
    const { outcome } = await compose(deck, 'dockerDeck.image.runCommandLine', [{ type: `docker run --rm -t -l ${LABEL} ${FIXTURE}` }, { pick: SUBMIT }]);
    assert.strictEqual(await engineState(outcome!.containerId), 'running');
    const terminal = vscode.window.terminals.find((t) => t.name === outcome!.name);
    assert.ok(terminal, 'the terminal is named after the container');
    terminal.dispose();
    await exitOfRemoval(outcome!.containerId);
  });

  for (const stop of [false, true]) {
    it(`closing the terminal of a running container without --rm asks first, and ${stop ? 'stops it' : 'leaves it running, detached'}`, async () => {
      const { outcome } = await compose(deck, 'dockerDeck.image.runCommandLine', [{ type: `docker run -t -l ${LABEL} ${FIXTURE}` }, { pick: SUBMIT }]);
      const id = outcome!.containerId;
      assert.strictEqual(await engineState(id), 'running');
      const prompts = scriptPrompts(deck, { confirm: stop });
      const answer = deck.prompts.confirm;
      const asked = new Promise<void>((resolve) => (deck.prompts.confirm = (...args) => answer(...args).finally(resolve)));
      try {
        vscode.window.terminals.find((t) => t.name === outcome!.name)!.dispose();
        await asked;
      } finally {
        prompts.restore();
      }
      assert.deepStrictEqual(prompts.confirms, [`${outcome!.name} is still running. Stop it?`]);
      if (stop) await modelHas(deck, id, 'exited');
      else assert.strictEqual(await engineState(id), 'running');
    });
  }

  describe('a start that fails: the host port is taken', () => {
    let blocker: net.Server;
    let port: number;
    beforeEach(async () => {
      port = await freePort();
      blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    });
    afterEach(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('without --rm: the engine reason is shown and the container is kept, created', async () => {
      const name = uniqueName('busy-port');
      const { outcome, prompts } = await compose(deck, 'dockerDeck.image.runCommandLine', [
        { type: `docker run -d --name ${name} -p 127.0.0.1:${port}:80 -l ${LABEL} ${FIXTURE}` },
        { pick: SUBMIT },
      ]);
      assert.strictEqual(outcome?.started, false);
      assert.strictEqual(prompts.errors.length, 1);
      assert.match(prompts.errors[0], new RegExp(`^Could not start ${name}: .*${port}.*(address already in use|port is already allocated).* The container is kept, not running`));
      assert.strictEqual(await engineState(outcome!.containerId), 'created');
    });

    it('with --rm: the engine reason is shown and the container is removed', async () => {
      const name = uniqueName('busy-port-rm');
      const { outcome, prompts } = await compose(deck, 'dockerDeck.image.runCommandLine', [
        { type: `docker run -d --rm --name ${name} -p 127.0.0.1:${port}:80 -l ${LABEL} ${FIXTURE}` },
        { pick: SUBMIT },
      ]);
      assert.strictEqual(outcome?.started, false);
      assert.match(prompts.errors[0], new RegExp(`^Could not start ${name}: .*(address already in use|port is already allocated).* The container was removed \\(--rm\\)\\.$`));
      assert.strictEqual(await exists(outcome!.containerId), false);
      assert.strictEqual((await docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) })).length, 0);
    });
  });

  /** A stopped --rm container goes away on its own; the model hears of it. */
  async function exitOfRemoval(id: string): Promise<void> {
    await until(deck.containers.provider.onDidChangeTreeData, async () => !deck.model.containers.has(id) && !(await exists(id)), 'the container to be removed');
  }
});
