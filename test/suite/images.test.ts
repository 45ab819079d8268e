import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DockerDeckApi } from '../../src/extension';
import { buildFixtureImage, readEngineInfo, RegistryInfo } from '../engine/engine';
import { api, docker, FIXTURE, LABELS, RUN_ID, scriptPrompts } from './helpers';

const run = (verb: string, ...args: unknown[]) => vscode.commands.executeCommand(`dockerDeck.image.${verb}`, ...args);

function registries(): { open: RegistryInfo; auth: RegistryInfo } {
  const info = readEngineInfo(process.env.DOCKER_DECK_TEST_ENGINE!);
  return { open: info.registry!, auth: info.authRegistry! };
}

/** The registry's own list of tags for a repository (not the engine's, not the extension's). */
function registryTags(address: string, repo: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    http.get(`http://${address}/v2/${repo}/tags/list`, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(body).tags ?? []) : []));
    }).on('error', reject);
  });
}

async function hasImage(reference: string): Promise<boolean> {
  try {
    await docker.getImage(reference).inspect();
    return true;
  } catch {
    return false;
  }
}

describe('image lifecycle', () => {
  let deck: DockerDeckApi;
  const made: string[] = [];
  before(async () => {
    deck = await api();
    await deck.model.start();
  });
  after(async () => {
    for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${Object.keys(LABELS)[0]}=${RUN_ID}`] }) })) {
      await docker.getContainer(c.Id).remove({ force: true });
    }
    for (const ref of made) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
  });

  it('tags, pushes to a registry, removes and pulls back', async () => {
    const { open } = registries();
    const target = `${open.address}/deck/fixture:${RUN_ID}`;
    made.push(target);
    let prompts = scriptPrompts(deck, { inputs: [target] });
    try {
      await run('tag', { imageId: '', reference: FIXTURE });
      assert.ok(await hasImage(target), 'tagged');
      await run('push', { imageId: '', reference: target });
      assert.deepStrictEqual(prompts.errors, []);
      assert.ok((await registryTags(open.address, 'deck/fixture')).includes(RUN_ID), 'the registry has it');
      await run('remove', { imageId: '', reference: target });
      assert.ok(!(await hasImage(target)), 'removed (untagged) locally');
      assert.ok(await hasImage(FIXTURE), 'the other tag of the same image stays');
    } finally {
      prompts.restore();
    }
    prompts = scriptPrompts(deck, { inputs: [target] });
    try {
      await run('pull');
    } finally {
      prompts.restore();
    }
    assert.deepStrictEqual(prompts.errors, []);
    assert.ok(await hasImage(target), 'pulled back');
  });

  it('a pull of an image that does not exist says so and changes nothing', async () => {
    const { open } = registries();
    const missing = `${open.address}/deck/does-not-exist:1`;
    const before = (await docker.listImages()).length;
    const prompts = scriptPrompts(deck, { inputs: [missing] });
    try {
      await run('pull');
    } finally {
      prompts.restore();
    }
    assert.strictEqual(prompts.errors.length, 1);
    assert.match(prompts.errors[0], /Could not pull .*does-not-exist.*(not found|manifest unknown)/i);
    assert.strictEqual((await docker.listImages()).length, before);
  });

  it('a push refused for missing credentials says so; with the user\'s docker config it goes through', async () => {
    const { auth } = registries();
    const target = `${auth.address}/deck/private:${RUN_ID}`;
    made.push(target);
    await docker.getImage(FIXTURE).tag({ repo: `${auth.address}/deck/private`, tag: RUN_ID });
    const savedConfig = process.env.DOCKER_CONFIG;
    const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-config-'));
    process.env.DOCKER_CONFIG = configDir;
    try {
      let prompts = scriptPrompts(deck);
      try {
        await run('push', { imageId: '', reference: target });
      } finally {
        prompts.restore();
      }
      assert.strictEqual(prompts.errors.length, 1);
      assert.match(prompts.errors[0], /Could not push .*(no basic auth credentials|unauthorized|authentication required)/i);
      assert.deepStrictEqual(await registryTags(auth.address, 'deck/private'), []);

      const token = Buffer.from(`${auth.user}:${auth.password}`).toString('base64');
      fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [auth.address]: { auth: token } } }));
      prompts = scriptPrompts(deck);
      try {
        await run('push', { imageId: '', reference: target });
      } finally {
        prompts.restore();
      }
      assert.deepStrictEqual(prompts.errors, []);
    } finally {
      if (savedConfig === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = savedConfig;
      fs.rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('removing an image a container uses is refused with the engine\'s reason; force removes it', async () => {
    const solo = `dockerdeck/solo:${RUN_ID}`;
    made.push(solo);
    await buildFixtureImage(process.env.DOCKER_HOST!.replace('unix://', ''), solo);
    await docker.createContainer({ Image: solo, Labels: LABELS });
    let prompts = scriptPrompts(deck);
    try {
      await run('remove', { imageId: '', reference: solo });
    } finally {
      prompts.restore();
    }
    assert.strictEqual(prompts.errors.length, 1);
    assert.match(prompts.errors[0], /unable to remove repository reference .* \(must force\) - container .* is using its referenced image/);
    assert.ok(await hasImage(solo), 'still there');

    prompts = scriptPrompts(deck);
    try {
      await run('forceRemove', { imageId: '', reference: solo });
    } finally {
      prompts.restore();
    }
    assert.deepStrictEqual(prompts.errors, []);
    assert.ok(!(await hasImage(solo)));
  });

  it('an invalid tag is refused as it is typed', async () => {
    const prompts = scriptPrompts(deck, { inputs: ['Not/Valid:tag'] });
    try {
      await run('tag', { imageId: '', reference: FIXTURE });
    } finally {
      prompts.restore();
    }
    assert.match(prompts.invalid[0], /must be lowercase/);
  });
});
