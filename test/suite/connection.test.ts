/**
 * Connecting wherever the docker CLI connects, with real peers on 127.0.0.1: a
 * second engine with TLS, an sshd in front of it, contexts made with the real
 * CLI. Each setup's Containers view must equal `docker ps -a` through the same
 * context. The environment the extension resolves with is the test's own (never
 * the real ~/.ssh or ~/.docker); settings and environment are restored after each test.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Prompts } from '../../src/commands/prompts';
import type { DockerDeckApi } from '../../src/extension';
import { FIXTURE_IMAGE, TEST_LABEL } from '../engine/engine';
import { startSshPeer } from '../engine/sshd';
import { api, RUN_ID, scriptPrompts, until } from './helpers';
import { dockerCli, modelChanged, peers, Peers, untilState, untilViewMatchesCli } from './connectionPeers';

type Env = Record<string, string | undefined>;

describe('connection: TCP, TLS, SSH and contexts, against real peers', function () {
  let deck: DockerDeckApi;
  let p: Peers;
  let prompts: Prompts;

  /** Resolve with only this environment and HOME (PATH kept); resolves after the model's attempt. */
  const useEnvironment = (env: Env, homeDir = p.emptyHome) => deck.connection.setEnvironment({ env: { PATH: process.env.PATH, ...env }, homeDir });
  const connected = (what: string, timeoutMs?: number) => untilState(deck, (s) => s.status === 'connected', what, timeoutMs);
  /** The reason shown, once the model reports the endpoint unreachable with a message naming `label`. */
  const refused = (label: string, what: string, timeoutMs = 5_000) =>
    untilState(deck, (s) => s.status === 'unreachable' && s.error.message.includes(label) && s.error, what, timeoutMs);
  const sshHost = () => `ssh://root@127.0.0.1:${p.ssh.port}`;

  before(async function () {
    this.timeout(120_000);
    deck = await api();
    prompts = deck.prompts;
    p = await peers();
    await deck.options.setFilter('');
    await deck.options.setRunningOnly(false);
    await deck.model.start();
  });

  afterEach(async () => {
    deck.prompts = prompts;
    const config = vscode.workspace.getConfiguration('dockerDeck');
    for (const key of ['host', 'context']) if (config.inspect(key)?.globalValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    await deck.connection.setEnvironment(undefined);
  });

  after(async () => {
    // the next suites expect the run's engine again
    await connected('the run\'s engine again', 30_000);
  });

  describe('TCP and TLS', () => {
    it('connects to plain tcp:// and shows what docker ps -a shows', async () => {
      await useEnvironment({ DOCKER_HOST: p.plainHost });
      await connected(p.plainHost);
      assert.strictEqual(deck.model.endpointLabel, p.plainHost);
      assert.strictEqual(deck.containers.view.description, p.plainHost, 'the views name the endpoint');
      const names = await untilViewMatchesCli(deck, { DOCKER_HOST: p.plainHost }, 'plain TCP');
      assert.deepStrictEqual(names, ['peer-created', 'peer-running']);
    });

    it('connects with TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, verifying the server', async () => {
      const env = { DOCKER_HOST: p.tls.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: p.tls.certs.client };
      await useEnvironment(env);
      await connected(`${p.tls.tlsHost} with TLS`);
      assert.deepStrictEqual(deck.connection.connection.tls, { verify: true, ca: path.join(env.DOCKER_CERT_PATH, 'ca.pem'), cert: path.join(env.DOCKER_CERT_PATH, 'cert.pem'), key: path.join(env.DOCKER_CERT_PATH, 'key.pem') });
      await untilViewMatchesCli(deck, env, 'TLS');
    });

    it('refuses a wrong CA, a missing key file, and plain TCP against the TLS port, each with its own message', async () => {
      const base = { DOCKER_HOST: p.tls.tlsHost, DOCKER_TLS_VERIFY: '1' };
      const messages: string[] = [];

      await useEnvironment({ ...base, DOCKER_CERT_PATH: p.tls.certs.wrongCa });
      const wrongCa = await refused(p.tls.tlsHost, 'a wrong CA refused');
      assert.strictEqual(wrongCa.kind, 'tls');
      assert.match(wrongCa.message, /presented a certificate that the trusted CA did not sign/);
      assert.strictEqual(deck.containers.view.message, wrongCa.message, 'the view says why');
      messages.push(wrongCa.message);

      await useEnvironment({ ...base, DOCKER_CERT_PATH: p.tls.certs.missingKey });
      const noKey = await refused('key.pem does not exist', 'a missing key refused');
      assert.strictEqual(noKey.kind, 'tls');
      assert.ok(noKey.message.includes(path.join(p.tls.certs.missingKey, 'key.pem')), noKey.message);
      messages.push(noKey.message);

      await useEnvironment({ DOCKER_HOST: p.tls.tlsHost });
      const plain = await refused(p.tls.tlsHost, 'plain TCP against TLS refused');
      assert.strictEqual(plain.kind, 'tls');
      assert.match(plain.message, /expects TLS, but Docker Deck connected without it/);
      assert.match(plain.reason, /HTTP request to an HTTPS server/, 'the engine\'s own words are kept');
      messages.push(plain.message);

      assert.strictEqual(new Set(messages).size, 3);
      assert.deepStrictEqual(deck.model.containers.size, 0, 'no rows from an engine that was not reached');
    });

    it('uses the context the CLI made current (with its TLS files), like docker ps -a --context', async () => {
      await dockerCli(['context', 'use', 'tls'], { DOCKER_CONFIG: p.configDir });
      await useEnvironment({ DOCKER_CONFIG: p.configDir });
      await connected('the current context "tls"');
      const conn = deck.connection.connection;
      assert.deepStrictEqual([conn.contextName, conn.source, conn.label, conn.tls?.verify], ['tls', 'currentContext', p.tls.tlsHost, true]);
      await untilViewMatchesCli(deck, { DOCKER_CONFIG: p.configDir }, 'context tls');
    });
  });

  describe('SSH', () => {
    it('connects to ssh:// with a key from ~/.ssh (past a stale SSH_AUTH_SOCK), checking known_hosts; the view and the event stream follow the remote engine', async () => {
      await useEnvironment({ DOCKER_HOST: sshHost(), SSH_AUTH_SOCK: path.join(p.scratch, 'gone-agent.sock') }, p.ssh.home);
      await connected(`${sshHost()} with a key`);
      await untilViewMatchesCli(deck, { DOCKER_HOST: sshHost(), PATH: `${p.ssh.cliPath}:${process.env.PATH}` }, 'ssh with a key');

      // events come over the same SSH connection
      const name = `peer-event-${RUN_ID}`;
      const created = await p.docker.createContainer({ Image: FIXTURE_IMAGE, name, Labels: { [TEST_LABEL]: RUN_ID } });
      try {
        await until(modelChanged(deck), () => [...deck.model.containers.values()].some((c) => c.summary.Names?.includes(`/${name}`)), `${name} through the event stream over SSH`);
      } finally {
        await created.remove({ force: true });
      }
    });

    it('connects with the ssh agent (no key files) and a hashed known_hosts entry', async () => {
      const hashed = path.join(p.scratch, 'hashed_known_hosts');
      fs.writeFileSync(hashed, `${p.ssh.knownHostsLine}\n`);
      execFileSync('ssh-keygen', ['-H', '-f', hashed], { stdio: 'ignore' });
      const home = p.ssh.makeHome('agent', { knownHosts: fs.readFileSync(hashed, 'utf8') });
      assert.match(fs.readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8'), /^\|1\|/, 'the entry is hashed');
      assert.ok(!fs.existsSync(path.join(home, '.ssh', 'id_ed25519')), 'no key file');

      await useEnvironment({ DOCKER_HOST: sshHost(), SSH_AUTH_SOCK: p.ssh.agentSocket }, home);
      await connected(`${sshHost()} with the agent`);
      await untilViewMatchesCli(deck, { DOCKER_HOST: sshHost(), PATH: `${p.ssh.cliPath}:${process.env.PATH}` }, 'ssh with the agent');
    });

    it('refuses an unknown host key and a changed one, never accepting them silently', async () => {
      await useEnvironment({ DOCKER_HOST: sshHost() }, p.ssh.makeHome('unknown-host', { key: 'authorized', knownHosts: '' }));
      const unknown = await refused(`[127.0.0.1]:${p.ssh.port}`, 'an unknown host key refused');
      assert.strictEqual(unknown.kind, 'ssh');
      assert.match(unknown.message, /is not known .*never accepts an unknown host key/);

      const otherKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP51Ha3xytabYN+oA6BqDkuYbchRJFs00h793dqI2RHs';
      await useEnvironment({ DOCKER_HOST: sshHost() }, p.ssh.makeHome('changed-host', { key: 'authorized', knownHosts: `[127.0.0.1]:${p.ssh.port} ${otherKey}\n` }));
      const changed = await refused('has CHANGED', 'a changed host key refused');
      assert.match(changed.message, /known_hosts:1 records another key/);
      assert.strictEqual(deck.model.containers.size, 0);
    });

    it('uses a context made with the CLI for ssh://, like docker --context remote ps -a', async () => {
      const env = { DOCKER_CONFIG: p.configDir, DOCKER_CONTEXT: 'remote' };
      await useEnvironment(env, p.ssh.home);
      await connected('the context "remote" from DOCKER_CONTEXT');
      assert.deepStrictEqual([deck.connection.connection.contextName, deck.connection.connection.source], ['remote', 'DOCKER_CONTEXT']);
      await untilViewMatchesCli(deck, { ...env, PATH: `${p.ssh.cliPath}:${process.env.PATH}` }, 'context remote');
    });
  });

  describe('switching', () => {
    it('the picker lists the contexts with their endpoints and switches every view without a reload, and back', async () => {
      await dockerCli(['context', 'use', 'tls'], { DOCKER_CONFIG: p.configDir });
      await useEnvironment({ DOCKER_CONFIG: p.configDir }, p.ssh.home);
      await connected('the current context "tls"');

      const cliEntry = "Use the docker CLI's current context";
      let scripted = scriptPrompts(deck, { pick: () => ['remote'] });
      await vscode.commands.executeCommand('dockerDeck.context.use');
      assert.deepStrictEqual(scripted.offered[0], [cliEntry, 'default', 'remote', 'tls']);
      assert.deepStrictEqual(scripted.errors, []);
      assert.strictEqual(vscode.workspace.getConfiguration('dockerDeck').get('context'), 'remote', 'Docker Deck\'s own setting');
      assert.match(await dockerCli(['context', 'show'], { DOCKER_CONFIG: p.configDir }), /^tls\s*$/, 'the CLI\'s current context is left alone');
      await connected('the context "remote"');
      assert.strictEqual(deck.model.endpointLabel, sshHost());
      assert.strictEqual(deck.containers.view.description, sshHost());
      await untilViewMatchesCli(deck, { DOCKER_CONFIG: p.configDir, DOCKER_CONTEXT: 'remote', PATH: `${p.ssh.cliPath}:${process.env.PATH}` }, 'after picking "remote"');

      scripted.restore();
      scripted = scriptPrompts(deck, { pick: () => [cliEntry] });
      await vscode.commands.executeCommand('dockerDeck.context.use');
      assert.strictEqual(vscode.workspace.getConfiguration('dockerDeck').inspect('context')?.globalValue, undefined, 'the setting is cleared');
      await connected('the CLI\'s current context again');
      assert.strictEqual(deck.connection.connection.contextName, 'tls');
      scripted.restore();
    });

    it('switching to an engine that cannot be reached keeps the views usable and says why; switching back recovers', async () => {
      await useEnvironment({ DOCKER_HOST: p.plainHost, DOCKER_CONFIG: p.configDir });
      await connected(p.plainHost);
      await dockerCli(['context', 'create', 'gone', '--docker', 'host=tcp://127.0.0.1:9'], { DOCKER_CONFIG: p.configDir });
      try {
        const scripted = scriptPrompts(deck, { pick: () => ['gone'] });
        await vscode.commands.executeCommand('dockerDeck.context.use');
        scripted.restore();
        const error = await refused('tcp://127.0.0.1:9', 'the context "gone" unreachable');
        assert.strictEqual(scripted.errors.length, 1);
        assert.ok(scripted.errors[0].includes(error.message), scripted.errors[0]);
        assert.strictEqual(deck.containers.view.message, error.message);
        assert.strictEqual(deck.containers.view.description, 'tcp://127.0.0.1:9');

        await vscode.workspace.getConfiguration('dockerDeck').update('context', 'default', vscode.ConfigurationTarget.Global);
        await connected('back on DOCKER_HOST through the "default" context');
        await untilViewMatchesCli(deck, { DOCKER_HOST: p.plainHost }, 'back');
      } finally {
        await dockerCli(['context', 'rm', '-f', 'gone'], { DOCKER_CONFIG: p.configDir });
      }
    });

    it('follows `docker context use` in a terminal at once', async () => {
      await dockerCli(['context', 'use', 'tls'], { DOCKER_CONFIG: p.configDir });
      await useEnvironment({ DOCKER_CONFIG: p.configDir }, p.ssh.home);
      await connected('the current context "tls"');
      await dockerCli(['context', 'use', 'remote'], { DOCKER_CONFIG: p.configDir });
      await until(deck.connection.onDidChange, () => deck.connection.connection.contextName === 'remote', 'the switch to "remote"');
      await connected('the context "remote"');
    });
  });

  describe('bad input: a clear message within 5 seconds, no hang', () => {
    it('a malformed DOCKER_HOST, and a malformed dockerDeck.host', async () => {
      await useEnvironment({ DOCKER_HOST: 'tcp//127.0.0.1:2375' });
      const env = await refused('DOCKER_HOST', 'a malformed DOCKER_HOST');
      assert.strictEqual(env.kind, 'badEndpoint');
      assert.match(env.message, /"tcp\/\/127\.0\.0\.1:2375" is not a valid Docker host/);

      await vscode.workspace.getConfiguration('dockerDeck').update('host', 'tcp://nohost', vscode.ConfigurationTarget.Global);
      const setting = await refused('dockerDeck.host', 'a malformed dockerDeck.host');
      assert.match(setting.message, /no port/);
    });

    it('an unknown context name', async () => {
      await useEnvironment({ DOCKER_CONFIG: p.configDir, DOCKER_CONTEXT: 'nope' });
      const error = await refused('"nope"', 'an unknown context');
      assert.match(error.message, /The Docker context "nope" \(from DOCKER_CONTEXT\) does not exist/);
    });

    it('a port that accepts and never answers, and a closed port', async () => {
      const silent = `tcp://127.0.0.1:${p.silentPort}`;
      await useEnvironment({ DOCKER_HOST: silent });
      const timeout = await refused(silent, 'a silent port');
      assert.strictEqual(timeout.kind, 'timeout');
      assert.match(timeout.message, /did not answer in time/);

      await useEnvironment({ DOCKER_HOST: 'tcp://127.0.0.1:9' });
      const closed = await refused('tcp://127.0.0.1:9', 'a closed port');
      assert.strictEqual(closed.kind, 'notRunning');
      assert.match(closed.message, /ECONNREFUSED/);
    });

    it('a refused SSH login, and no SSH server', async () => {
      await useEnvironment({ DOCKER_HOST: sshHost() }, p.ssh.makeHome('stranger', { key: 'unauthorized', knownHosts: `${p.ssh.knownHostsLine}\n` }));
      const login = await refused(sshHost(), 'a refused SSH login');
      assert.strictEqual(login.kind, 'ssh');
      assert.match(login.message, /was refused \(tried .*id_ed25519\)/);

      await useEnvironment({ DOCKER_HOST: 'ssh://root@127.0.0.1:9' }, p.ssh.home);
      const none = await refused('ssh://root@127.0.0.1:9', 'no SSH server');
      assert.match(none.message, /No SSH server answers/);
    });

    it('an SSH host whose docker cannot reach its engine, with what dial-stdio said there', async () => {
      // under the second engine's state dir: a crashed run's leftovers are cleaned up with it
      const farDown = await startSshPeer(path.join(p.tls.info.stateDir!, 'far-down'), 'unix:///nonexistent/docker.sock');
      try {
        const host = `ssh://root@127.0.0.1:${farDown.port}`;
        await useEnvironment({ DOCKER_HOST: host }, farDown.home);
        const error = await refused(host, 'dial-stdio failing on the far side');
        assert.strictEqual(error.kind, 'ssh');
        assert.match(error.message, /`docker system dial-stdio` failed there: .*\/nonexistent\/docker\.sock/);
      } finally {
        await deck.connection.setEnvironment(undefined);
        await farDown.stop();
      }
    });
  });
});
