/**
 * The run composer in the extension host: what each answer does, what the
 * engine gets in the end. The questions are answered by a script (stepScript.ts);
 * the QuickPick itself is driven in the browser by test/e2e/run.test.ts.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DockerDeckApi } from '../../src/extension';
import { api, docker, exists, FIXTURE, LABELS, makeContainer, modelHas, nodeOf, removeTestContainers, RUN_ID, scriptPrompts, uniqueName, until } from './helpers';
import { compose, freePort, IMAGE_ITEM, Question, SUBMIT } from './stepScript';

const LABEL = `${Object.keys(LABELS)[0]}=${RUN_ID}`;

/**
 * GET / on a published port. The engine's proxy listens as soon as the container
 * starts, the server inside a moment later: until then the proxy drops the
 * connection, which is retried (the only retry here; nothing announces that a
 * process inside a container listens).
 */
async function get(port: number, attempts = 50): Promise<string> {
  for (let i = 1; ; i++) {
    try {
      return await new Promise<string>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
    } catch (err) {
      if (i >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const countContainers = async () => (await docker.listContainers({ all: true })).length;

describe('run composer', () => {
  let deck: DockerDeckApi;
  let tmp: string;
  before(async () => {
    deck = await api();
    await deck.model.start();
    // recent runs of earlier tests would come first in the image step
    await deck.context.workspaceState.update('dockerDeck.recentRuns', undefined);
  });
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-run-'))));
  afterEach(async () => {
    await removeTestContainers();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('runs detached with a port, a bind volume and env: the engine has exactly that container, selected in the tree', async () => {
    const name = uniqueName('web');
    const port = await freePort();
    const token = `served-${RUN_ID}-${Date.now()}`;
    fs.writeFileSync(path.join(tmp, 'index.html'), token);
    const { outcome, input, prompts } = await compose(deck, 'dockerDeck.image.run', [
      { pick: IMAGE_ITEM },
      { pick: '--name' }, { type: name },
      { pick: '-p, --publish' }, { type: `127.0.0.1:${port}:80` },
      { pick: '-v, --volume' }, { type: `${tmp}:/www:ro` },
      { pick: '-e, --env' }, { type: 'GREETING=hello world' },
      { pick: '-l, --label' }, { type: LABEL },
      { pick: 'COMMAND' }, { type: 'httpd -f -p 80 -h /www' },
      { pick: SUBMIT },
    ]);
    assert.deepStrictEqual(prompts.errors, []);
    assert.ok(outcome?.started, 'started');
    const options = input.last;
    assert.deepStrictEqual([options.step, options.totalSteps], [2, 2]);
    assert.strictEqual(
      options.items[0].detail,
      `docker run -d --name ${name} -p 127.0.0.1:${port}:80 -v ${tmp}:/www:ro -e 'GREETING=hello world' -l ${LABEL} ${FIXTURE} httpd -f -p 80 -h /www`,
      'the preview on the Run item',
    );

    const info = await docker.getContainer(outcome.containerId).inspect();
    assert.strictEqual(info.Name, `/${name}`);
    assert.strictEqual(info.State.Status, 'running');
    assert.deepStrictEqual(info.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    assert.deepStrictEqual(info.HostConfig.Binds, [`${tmp}:/www:ro`]);
    assert.ok(info.Config.Env.includes('GREETING=hello world'), info.Config.Env.join(' '));
    assert.deepStrictEqual(info.Config.Cmd, ['httpd', '-f', '-p', '80', '-h', '/www']);
    assert.strictEqual(info.HostConfig.AutoRemove, false);
    // the port and the volume work: the container serves the host's file on the host's port
    assert.strictEqual(await get(port), token);
    await until(deck.containers.view.onDidChangeSelection, () => deck.containers.view.selection.some((n) => n.type === 'container' && n.containerId === outcome.containerId), 'the new container selected');
  });

  it('checks each field as it is typed, and creates nothing while a problem is left', async () => {
    const taken = uniqueName('taken');
    const c = await makeContainer({ name: taken, start: false });
    await modelHas(deck, c.id, 'created');
    const before = await countContainers();
    let submitted: Question | undefined;
    const { outcome, input } = await compose(deck, 'dockerDeck.image.run', [
      { pick: IMAGE_ITEM },
      { pick: '-p, --publish' }, { type: '99999' }, { type: 'http' }, { type: '8080:80/icmp' }, 'back',
      { pick: '-v, --volume' }, { type: './data:/data' }, 'back',
      { pick: '--name' }, { type: taken }, { type: 'x' }, 'back',
      { pick: '--restart' }, { type: 'sometimes' }, { type: 'on-failure:-1' }, { type: 'always' },
      { pick: '--rm' },
      (q) => ((submitted = q), { pick: SUBMIT }),
      { pick: 'IMAGE' }, { type: '' }, { type: 'Upper/Case' }, 'back',
      'cancel',
    ]);
    assert.strictEqual(outcome, undefined);
    assert.deepStrictEqual(input.messages, [
      'Port 99999 is out of range (1-65535).',
      '"http" is not a port number.',
      'Invalid protocol "icmp": expected tcp, udp or sctp.',
      'The host path ./data is relative: use an absolute path.',
      `The name "${taken}" is already in use.`,
      'Invalid container name "x": use at least 2 characters from [a-zA-Z0-9_.-], starting with a letter or digit.',
      'Invalid restart policy "sometimes": expected no, always, unless-stopped or on-failure[:max-retries].',
      'Invalid restart policy "on-failure:-1": the maximum retry count cannot be negative.',
      'The image reference is empty.',
      '"Upper/Case" is not a valid image reference: repository names must be lowercase.',
    ]);
    // --rm after --restart always: the conflict shows on the options screen and Run does not run
    assert.match(submitted!.items[0].label, /circle-slash/, 'Run shows that it cannot run');
    const afterSubmit = input.asked[input.asked.indexOf(submitted!) + 1];
    assert.strictEqual(afterSubmit.step, 2, 'Run with a problem stays on the options');
    assert.strictEqual(afterSubmit.placeholder, 'Conflicting options: cannot specify both --restart and --rm.');
    assert.match(afterSubmit.items[0].label, /circle-slash/);
    assert.strictEqual(afterSubmit.items.find((i) => i.label.includes('--restart'))?.detail, 'Conflicting options: cannot specify both --restart and --rm.');
    assert.strictEqual(await countContainers(), before, 'nothing created');
  });

  it('pastes a command line: names the flags it leaves out, and goes back or on without them', async () => {
    const name = uniqueName('pasted');
    const line = `docker run --gpus all --cap-add NET_ADMIN \\\n  -d --name ${name} -l ${LABEL} -e "A=b c" ${FIXTURE} sleep 300`;
    const { outcome, input, prompts } = await compose(deck, 'dockerDeck.image.runCommandLine', [
      { type: line },
      { pick: 'Edit the command line' },
      { type: line },
      { pick: 'Go on without' },
      { pick: SUBMIT },
    ]);
    assert.deepStrictEqual(prompts.errors, []);
    const [paste, leftOut] = input.asked;
    assert.deepStrictEqual(paste.messages, [{ message: 'Not supported here, left out if you go on: --gpus, --cap-add', severity: 'warning' }]);
    assert.strictEqual(leftOut.title, 'Not supported here: --gpus, --cap-add');
    assert.strictEqual(input.asked[2].kind, 'input', 'back to the command line');
    assert.strictEqual(input.asked[2].value, line, 'as it was pasted');
    const options = input.last;
    assert.ok(options.items.some((i) => i.label.includes('Left out (not supported here): --gpus, --cap-add')), 'the options screen still names them');
    assert.strictEqual(options.items[0].detail, `docker run -d --name ${name} -e 'A=b c' -l ${LABEL} ${FIXTURE} sleep 300`);
    const info = await docker.getContainer(outcome!.containerId).inspect();
    assert.deepStrictEqual([info.Name, info.Config.Cmd, info.HostConfig.CapAdd ?? null], [`/${name}`, ['sleep', '300'], null]);
  });

  it('refuses a pasted line that is not a docker run command', async () => {
    const { outcome, input } = await compose(deck, 'dockerDeck.image.runCommandLine', [{ type: 'docker ps -a' }, { type: `-it ${FIXTURE} "sh` }, 'cancel']);
    assert.strictEqual(outcome, undefined);
    assert.strictEqual(input.messages[0], 'Expected "docker run" or "docker create", got "docker ps -a".');
    assert.strictEqual(input.messages[1], 'Unterminated double quote.');
  });

  it('remembers runs and offers them first, to run again at once or to edit', async () => {
    const line = `docker run -d -l ${LABEL} ${FIXTURE} sleep 301`;
    await compose(deck, 'dockerDeck.image.runCommandLine', [{ type: line }, { pick: SUBMIT }]);
    const again = await compose(deck, 'dockerDeck.image.run', [{ itemButton: 'Run again', on: 'sleep 301' }]);
    assert.deepStrictEqual(again.input.asked[0].items[0].label, `$(history) ${line}`, 'the last run comes first');
    assert.ok(again.outcome?.started);
    const edited = await compose(deck, 'dockerDeck.image.run', [{ pick: 'sleep 301' }, { pick: 'COMMAND' }, { type: 'sleep 302' }, { pick: SUBMIT }]);
    assert.ok(edited.outcome?.started);
    const commands = (await docker.listContainers({ filters: JSON.stringify({ label: [LABEL] }) })).map((c) => c.Command).sort();
    assert.deepStrictEqual(commands, ['sleep 301', 'sleep 301', 'sleep 302']);
    const recent = await compose(deck, 'dockerDeck.image.run', ['cancel']);
    assert.deepStrictEqual(recent.input.asked[0].items.slice(0, 2).map((i) => i.label), [`$(history) docker run -d -l ${LABEL} ${FIXTURE} sleep 302`, `$(history) ${line}`], 'newest first, once each');
  });

  it('copies the command line from the options screen', async () => {
    const { input } = await compose(deck, 'dockerDeck.image.run', [{ pick: IMAGE_ITEM }, { pick: '-P, --publish-all' }, { button: 'Copy the command line' }, 'cancel']);
    const copied = `docker run -d -P ${FIXTURE}`;
    assert.strictEqual(input.last.placeholder, `Copied: ${copied}`);
    assert.strictEqual(await vscode.env.clipboard.readText(), copied);
  });

  it('copies `docker run` for a container made with the CLI, without what its image sets anyway', async function () {
    try {
      execFileSync('docker', ['version', '--format', '{{.Client.Version}}'], { env: process.env, stdio: 'ignore' });
    } catch {
      this.skip(); // no docker CLI here
    }
    const name = uniqueName('cli');
    const port = await freePort();
    const args = ['run', '-d', '--name', name, '--restart', 'unless-stopped', '-p', `127.0.0.1:${port}:80`, '-v', `${tmp}:/data`, '-e', 'MODE=test run', '-l', LABEL, FIXTURE, 'sleep', '300'];
    const id = execFileSync('docker', args, { env: process.env, encoding: 'utf8' }).trim();
    await modelHas(deck, id);
    const prompts = scriptPrompts(deck);
    let line: string | undefined;
    try {
      line = await vscode.commands.executeCommand<string>('dockerDeck.container.copyRunCommand', nodeOf(id));
    } finally {
      prompts.restore();
    }
    const expected = `docker run -d --name ${name} --restart unless-stopped -p 127.0.0.1:${port}:80 -v ${tmp}:/data -e 'MODE=test run' -l ${LABEL} ${FIXTURE} sleep 300`;
    assert.strictEqual(line, expected);
    assert.deepStrictEqual(prompts.infos, [`Copied: ${expected}`]);
    assert.strictEqual(await vscode.env.clipboard.readText(), expected);
    assert.ok(await exists(id));
  });
});
