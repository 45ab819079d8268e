/**
 * The benchmarks that run inside the extension host (the `run()` contract, like
 * test/suite): the explorer against 1,000 containers and 200 images, and bulk
 * stop/remove against the docker CLI on the same engine. Results go to the file
 * named by DOCKER_DECK_BENCH_OUT; test/bench/main.ts writes BENCHMARKS.md.
 *
 * The extension talks to the engine through a counting proxy (DOCKER_HOST); the
 * benchmark's own calls and the CLI go straight to the engine
 * (DOCKER_DECK_BENCH_ENGINE), so they are not counted.
 */
import { execFile } from 'child_process';
import Docker = require('dockerode');
import * as fs from 'fs';
import * as http from 'http';
import * as vscode from 'vscode';
import type { DockerDeckApi } from '../../src/extension';
import type { ContainersViewNode } from '../../src/tree/containersTreeProvider';
import { BENCH_LABEL, Measurement, median, percentile } from './stats';

const engineSocket = process.env.DOCKER_DECK_BENCH_ENGINE!;
/**
 * What the extension talks to: the counting proxy in front of the engine. The CLI
 * and the raw API calls it is compared with go through the same proxy, so that
 * both sides pay the same extra hop (set-up and checks go to the engine directly).
 */
const comparedSocket = process.env.DOCKER_HOST!.replace(/^unix:\/\//, '');
const docker = new Docker({ socketPath: engineSocket });
const control = process.env.DOCKER_DECK_BENCH_CONTROL!;
const results: Measurement[] = [];
const log = (m: string) => fs.appendFileSync(process.env.DOCKER_DECK_BENCH_LOG!, `${m}\n`);

function cli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('sh', ['-c', `docker ${args.join(' ')}`], { env: { ...process.env, DOCKER_HOST: `unix://${comparedSocket}` } }, (err, _out, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve())),
  );
}

function controlCall(method: string, path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${control}${path}`, { method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end();
  });
}

async function treeItems(deck: DockerDeckApi): Promise<number> {
  const p = deck.containers.provider;
  let n = 0;
  const walk = async (el?: ContainersViewNode) => {
    for (const child of (await p.getChildren(el)) ?? []) {
      p.getTreeItem(child);
      n++;
      if (child.type === 'containerGroup') await walk(child);
    }
  };
  await walk();
  return n;
}

/** Wall-clock ms with sub-ms precision, comparable with the engine's event times. */
const epochNow = () => performance.timeOrigin + performance.now();

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

function rawGet(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http.get({ socketPath: comparedSocket, path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

/** Cold refresh: the list calls alone, against list calls + model + every tree item built. */
async function benchColdRefresh(deck: DockerDeckApi, rounds = 15): Promise<void> {
  const raw: number[] = [];
  const full: number[] = [];
  let items = 0;
  for (let i = 0; i < rounds; i++) {
    raw.push((await timed(() => Promise.all([rawGet('/containers/json?all=1'), rawGet('/images/json')])))[0]);
    const [ms, n] = await timed(async () => {
      await deck.model.retry();
      return treeItems(deck);
    });
    log(`cold refresh round ${i}: raw ${raw[i].toFixed(0)} ms, deck ${ms.toFixed(0)} ms`);
    full.push(ms);
    items = n;
  }
  const apiMs = median(raw);
  const treeMs = median(full);
  results.push(
    { name: 'cold refresh: list calls alone (containers + images)', median: apiMs, unit: 'ms', rounds },
    { name: `cold refresh: list calls + model + ${items} tree items`, median: treeMs, unit: 'ms', rounds },
    { name: 'cold refresh: tree overhead over the API time', median: ((treeMs - apiMs) / apiMs) * 100, unit: '%', target: '< 20 %', rounds },
  );
}

/** Event to tree: from the engine's event (a change made with the CLI) to the provider returning the changed row. */
async function benchEventToTree(deck: DockerDeckApi, rounds = 40): Promise<void> {
  const target = (await docker.listContainers({ filters: JSON.stringify({ label: [`${BENCH_LABEL}=running`] }) }))[0].Id;
  const events = (await docker.getEvents({ filters: JSON.stringify({ container: [target], event: ['pause', 'unpause'] }) })) as NodeJS.ReadableStream;
  const eventTimes: number[] = [];
  events.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) eventTimes.push(Number(JSON.parse(line).timeNano) / 1e6);
  });
  const fromEvent: number[] = [];
  const fromCli: number[] = [];
  const p = deck.containers.provider;
  for (let i = 0; i < rounds; i++) {
    const want = i % 2 === 0 ? 'pausedContainer' : 'runningContainer';
    const seen = new Promise<number>((resolve) => {
      const sub = p.onDidChangeTreeData(() => {
        const node = p.nodeFor(target);
        if (node && p.getTreeItem(node).contextValue === want) {
          sub.dispose();
          resolve(epochNow());
        }
      });
    });
    const before = eventTimes.length;
    const cliStart = epochNow();
    await cli([i % 2 === 0 ? 'pause' : 'unpause', target]);
    const shown = await seen;
    while (eventTimes.length === before) await new Promise((r) => setImmediate(r));
    fromEvent.push(Math.max(0, shown - eventTimes[before]));
    fromCli.push(shown - cliStart);
  }
  (events as unknown as { destroy(): void }).destroy();
  results.push(
    { name: 'event to tree: engine event -> changed row from the provider', median: median(fromEvent), p95: percentile(fromEvent, 95), unit: 'ms', target: 'median < 100, p95 < 250', rounds },
    { name: 'event to tree: `docker pause/unpause` started -> changed row', median: median(fromCli), p95: percentile(fromCli, 95), unit: 'ms', rounds },
  );
}

/** Idle: the API requests the extension makes in 60 s when nothing happens. */
async function benchIdle(seconds = 60): Promise<void> {
  await controlCall('POST', '/reset');
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const requests = await controlCall('GET', '/requests');
  results.push({ name: `idle: API requests in ${seconds} s with nothing happening (besides the open event stream)`, median: requests.length, unit: 'requests', target: '0', detail: requests.slice(0, 5).join(', ') });
}

function gc(): void {
  require('v8').setFlagsFromString('--expose_gc');
  (require('vm').runInNewContext('gc') as () => void)();
}

/** Memory: the extension host's heap after 10,000 events, against before. */
async function benchMemory(deck: DockerDeckApi, events = 10_000): Promise<void> {
  const ids = (await docker.listContainers({ filters: JSON.stringify({ label: [`${BENCH_LABEL}=running`], status: ['running'] }) })).slice(0, 10).map((c) => c.Id);
  gc();
  const before = process.memoryUsage().heapUsed;
  let sent = 0;
  // one pause and one unpause per turn, each an event; a refused call (a container in another state) is not counted
  const turn = async (call: () => Promise<unknown>) => {
    try {
      await call();
      sent++;
    } catch {
      /* not counted */
    }
  };
  await Promise.all(
    ids.map(async (id) => {
      const c = docker.getContainer(id);
      while (sent < events) {
        await turn(() => c.pause());
        await turn(() => c.unpause());
      }
    }),
  );
  // the model has caught up when it shows them all running again
  await waitUntil(deck, () => ids.every((id) => deck.model.containers.get(id)?.status.kind === 'running'));
  gc();
  const after = process.memoryUsage().heapUsed;
  results.push(
    { name: `memory: extension host heap before ${sent} events`, median: before / 1e6, unit: 'MB' },
    { name: `memory: heap growth after ${sent} events`, median: (after - before) / 1e6, unit: 'MB', target: '< 20 MB' },
  );
}

/** Resolves when the model passes `check`; a step whose engine never gets there fails instead of hanging the run. */
function waitUntil(deck: DockerDeckApi, check: () => boolean, limitMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the model did not catch up with the engine in ${limitMs / 1000} s`));
    }, limitMs);
    const sub = deck.model.onDidChange(() => {
      if (check()) {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  });
}

async function removeAll(): Promise<void> {
  const all = await docker.listContainers({ all: true });
  const queue = [...all];
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await docker.getContainer(c.Id).remove({ force: true });
  }));
}

async function startHundred(image: string): Promise<string[]> {
  const ids: string[] = [];
  const queue = Array.from({ length: 100 }, (_, i) => i);
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const c = await docker.createContainer({ Image: image, Labels: { [BENCH_LABEL]: 'bulk' } });
      await c.start();
      ids.push(c.id);
    }
  }));
  return ids;
}

/** Stop all with 100 running containers and remove 100 stopped ones: the extension against the CLI. */
async function benchBulk(deck: DockerDeckApi, image: string, rounds = 5): Promise<void> {
  await removeAll();
  const times: Record<string, number[]> = { cliStop: [], deckStop: [], cliRm: [], deckRm: [] };
  const restore = scriptedYes(deck);
  try {
    for (let i = 0; i < rounds; i++) {
      let ids = await startHundred(image);
      times.cliStop.push((await timed(() => cli(['stop', '$(docker ps -q)'])))[0]);
      times.cliRm.push((await timed(() => cli(['rm', ...ids])))[0]);

      ids = await startHundred(image);
      await waitUntil(deck, () => ids.every((id) => deck.model.containers.get(id)?.status.kind === 'running'));
      times.deckStop.push((await timed(() => Promise.resolve(vscode.commands.executeCommand('dockerDeck.container.stopAll'))))[0]);
      await waitUntil(deck, () => ids.every((id) => deck.model.containers.get(id)?.status.kind === 'exited'));
      const nodes = ids.map((id) => ({ type: 'container', treeId: `container:${id}`, containerId: id }));
      times.deckRm.push((await timed(() => Promise.resolve(vscode.commands.executeCommand('dockerDeck.container.remove', nodes[0], nodes))))[0]);
      log(`bulk round ${i}: ${JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v[i])])))}`);
    }
  } finally {
    restore();
  }
  results.push(
    { name: 'stop all, 100 running: `docker stop $(docker ps -q)`', median: median(times.cliStop), unit: 'ms', rounds },
    { name: 'stop all, 100 running: Docker Deck "Stop All Containers"', median: median(times.deckStop), unit: 'ms', target: '<= the CLI', rounds },
    { name: 'remove 100 stopped: `docker rm <100 ids>`', median: median(times.cliRm), unit: 'ms', rounds },
    { name: 'remove 100 stopped: Docker Deck "Remove" on a 100-row selection', median: median(times.deckRm), unit: 'ms', target: '<= the CLI', rounds },
  );
}

/** Confirms every question, so commands run as if a user said yes. */
function scriptedYes(deck: DockerDeckApi): () => void {
  const original = deck.prompts;
  deck.prompts = { ...original, confirm: async () => true, showError: (m) => log(`error: ${m}`), showInfo: () => undefined };
  return () => (deck.prompts = original);
}

export async function run(): Promise<void> {
  const deck = (await vscode.extensions.getExtension<DockerDeckApi>('dockerdeck.docker-deck')!.activate())!;
  const steps: [string, () => Promise<void>][] = [
    ['cold refresh', () => benchColdRefresh(deck)],
    ['event to tree', () => benchEventToTree(deck)],
    ['idle', () => benchIdle()],
    ['memory', () => benchMemory(deck)],
    ['bulk', () => benchBulk(deck, process.env.DOCKER_DECK_FIXTURE_IMAGE!)],
  ];
  await deck.model.start();
  const only = process.env.DOCKER_DECK_BENCH_ONLY?.split(',');
  for (const [name, step] of steps) {
    if (only && !only.some((o) => name.startsWith(o))) continue;
    log(`-- ${name}`);
    try {
      await step();
    } catch (e) {
      log(`${name} failed: ${(e as Error).stack}`);
      results.push({ name: `${name}: FAILED`, median: NaN, unit: '', detail: String(e) });
    }
    fs.writeFileSync(process.env.DOCKER_DECK_BENCH_OUT!, JSON.stringify(results));
  }
}
