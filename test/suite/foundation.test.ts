import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerError } from '../../src/docker/errors';
import { startDaemon, stopDaemon } from '../engine/engine';
import { api, EXTENSION_ID, FIXTURE, makeContainer, ownedEngineDir, removeTestContainers, rows, uniqueName, until } from './helpers';

describe('foundation', () => {
  after(removeTestContainers);

  it('activates the bundled extension (without the optional native modules of ssh2)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(ext.packageJSON.main, './dist/extension.js');
    const deck = await api();
    assert.ok(ext.isActive);
    assert.strictEqual(typeof deck.model.start, 'function');
    // the bundle resolves cpu-features and sshcrypto.node to modules that throw, and still loads
    const bundle = require('fs').readFileSync(require('path').join(ext.extensionPath, 'dist', 'extension.js'), 'utf8') as string;
    assert.match(bundle, /optional native module not bundled: cpu-features/);
    assert.match(bundle, /optional native module not bundled: .*sshcrypto\.node/);
  });

  it('lists the engine\'s containers with their state and its images with their tags', async () => {
    const deck = await api();
    const name = uniqueName('listed');
    await makeContainer({ name });
    // with the model already following events, the row can show "Created" for a moment before "Up"
    const containerRow = await until(deck.containers.provider.onDidChangeTreeData, async () => (await rows(deck.containers.provider)).find((r) => r.label === name && /^Up /.test(r.description)), `${name} in the containers view, running`);
    assert.match(containerRow.description, /^Up /);
    assert.strictEqual(containerRow.contextValue, 'runningContainer');

    const [repo, tag] = FIXTURE.split(':');
    const imageRows = await rows(deck.images.provider);
    const repoRow = imageRows.find((r) => r.label === repo && r.depth === 0);
    assert.ok(repoRow, `repository ${repo} in ${JSON.stringify(imageRows.map((r) => r.label))}`);
    assert.ok(imageRows.some((r) => r.label === tag && r.contextValue === 'image'), `tag ${tag} under ${repo}`);
  });

  it('shows the reason when the engine stops and recovers when it comes back, without a reload', async function () {
    const dir = ownedEngineDir();
    if (!dir) this.skip(); // only an engine this run started may be stopped
    const deck = await api();
    const name = uniqueName('survivor');
    await makeContainer({ name, start: false });
    await until(deck.containers.provider.onDidChangeTreeData, async () => (await rows(deck.containers.provider)).some((r) => r.label === name), `${name} listed`);

    // a connection kept from this call must not turn the next one into a reset
    await deck.client().listContainers();
    await stopDaemon(dir!);
    await assert.rejects(deck.client().listContainers(), (e: DockerError) => e.kind === 'notRunning' && /ENOENT|ECONNREFUSED/.test(e.message));
    const state = await until(deck.containers.provider.onDidChangeTreeData, () => deck.model.state.status === 'unreachable' && deck.model.state, 'the model to notice the engine is gone');
    assert.match(state.error.message, /not running/);
    assert.ok(state.error.message.includes(deck.model.endpointLabel), 'the message names the endpoint');
    assert.strictEqual(deck.containers.view.message, state.error.message, 'the view says why');
    const offered = await rows(deck.containers.provider);
    assert.deepStrictEqual(offered.map((r) => r.contextValue), ['connectionAction', 'connectionAction', 'connectionAction', 'connectionAction'], 'no stale rows, only what to do');
    assert.strictEqual(offered[0].label, 'Retry');

    await startDaemon(dir!);
    await until(deck.containers.provider.onDidChangeTreeData, async () => (await rows(deck.containers.provider)).some((r) => r.label === name), `${name} listed again after the engine came back`, 30_000);
    assert.strictEqual(deck.model.state.status, 'connected');
    assert.strictEqual(deck.containers.view.message, undefined);
  });
});
