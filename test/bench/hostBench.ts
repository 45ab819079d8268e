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

/** 100 containers made in parallel, each started with `cmd` (the image's own when undefined). */
async function makeHundred(image: string, cmd?: string[]): Promise<string[]> {
  const ids: string[] = [];
  const queue = Array.from({ length: 100 }, (_, i) => i);
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const c = await docker.createContainer({ Image: image, Cmd: cmd, Labels: { [BENCH_LABEL]: 'bulk' } });
      await c.start();
      if (cmd) await c.wait();
      ids.push(c.id);
    }
  }));
  return ids;
}

/**
 * Waits until the machine is idle (under 15% of its CPU time busy over 200 ms),
 * at most 20 s: starting or removing 100 containers leaves the engine working for
 * a while after its last answer, and a measurement that starts then pays for it.
 */
async function settle(): Promise<void> {
  const busy = () => {
    const [user, nice, system, idle, iowait, irq, softirq] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    return { busy: user + nice + system + irq + softirq, total: user + nice + system + idle + iowait + irq + softirq };
  };
  const limit = Date.now() + 20_000;
  let last = busy();
  while (Date.now() < limit) {
    await new Promise((r) => setTimeout(r, 200));
    const now = busy();
    const fraction = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    if (fraction < 0.15) return;
  }
  log('settle: the machine stayed busy for 20 s');
}

/** An even number of rounds, so that each side goes first as often as the other; stopping 100 varies by ±10%. */
const STOP_ROUNDS = 8;
/** Removing 100 takes a third of a second and varies by a third from one try to the next: more rounds. */
const RM_ROUNDS = 10;

/**
 * Stop all with 100 running containers and remove 100 stopped ones: the extension
 * against the CLI. Every round makes a fresh hundred for each side; each
 * measurement starts on an idle machine, and the two sides take turns going first.
 */
async function benchBulk(deck: DockerDeckApi, image: string): Promise<void> {
  await removeAll();
  const times: Record<'cliStop' | 'deckStop' | 'cliRm' | 'deckRm', number[]> = { cliStop: [], deckStop: [], cliRm: [], deckRm: [] };
  const deckSees = (ids: string[], kind: string) => waitUntil(deck, () => ids.every((id) => deck.model.containers.get(id)?.status.kind === kind));
  const restore = scriptedYes(deck);
  try {
    for (let i = 0; i < STOP_ROUNDS; i++) {
      const sides = [
        async () => {
          await makeHundred(image);
          await settle();
          times.cliStop.push((await timed(() => cli(['stop', '$(docker ps -q)'])))[0]);
        },
        async () => {
          const ids = await makeHundred(image);
          await deckSees(ids, 'running');
          await settle();
          times.deckStop.push((await timed(() => Promise.resolve(vscode.commands.executeCommand('dockerDeck.container.stopAll'))))[0]);
        },
      ];
      for (const side of i % 2 ? sides.reverse() : sides) {
        await side();
        await removeAll();
      }
      log(`stop round ${i}: CLI ${Math.round(times.cliStop[i])} ms, Docker Deck ${Math.round(times.deckStop[i])} ms`);
    }
    for (let i = 0; i < RM_ROUNDS; i++) {
      // containers that ran and exited by themselves: the same kind for both sides
      const forCli = await makeHundred(image, ['true']);
      const forDeck = await makeHundred(image, ['true']);
      await deckSees([...forCli, ...forDeck], 'exited');
      const nodes = forDeck.map((id) => ({ type: 'container', treeId: `container:${id}`, containerId: id }));
      const sides = [
        async () => {
          await settle();
          times.cliRm.push((await timed(() => cli(['rm', ...forCli])))[0]);
        },
        async () => {
          await settle();
          times.deckRm.push((await timed(() => Promise.resolve(vscode.commands.executeCommand('dockerDeck.container.remove', nodes[0], nodes))))[0]);
        },
      ];
      for (const side of i % 2 ? sides.reverse() : sides) await side();
      log(`remove round ${i}: CLI ${Math.round(times.cliRm[i])} ms, Docker Deck ${Math.round(times.deckRm[i])} ms`);
    }
  } finally {
    restore();
  }
  results.push(
    { name: 'stop all, 100 running: `docker stop $(docker ps -q)`', median: median(times.cliStop), unit: 'ms', rounds: STOP_ROUNDS },
    { name: 'stop all, 100 running: Docker Deck "Stop All Containers"', median: median(times.deckStop), unit: 'ms', target: '<= the CLI', rounds: STOP_ROUNDS },
    roundByRound('stop all', times.deckStop, times.cliStop),
    { name: 'remove 100 stopped: `docker rm <100 ids>`', median: median(times.cliRm), unit: 'ms', rounds: RM_ROUNDS },
    { name: 'remove 100 stopped: Docker Deck "Remove" on a 100-row selection', median: median(times.deckRm), unit: 'ms', target: '<= the CLI', rounds: RM_ROUNDS },
    roundByRound('remove 100', times.deckRm, times.cliRm),
  );
}

/**
 * The two sides compared within each round (same engine, same minute), which the
 * spread between rounds does not blur: the median difference, and how often the
 * extension was the faster.
 */
function roundByRound(what: string, deck: number[], cli: number[]): Measurement {
  const differences = deck.map((d, i) => ((d - cli[i]) / cli[i]) * 100);
  const faster = differences.filter((d) => d < 0).length;
  return { name: `${what}: Docker Deck against the CLI, round by round (faster in ${faster} of ${deck.length})`, median: median(differences), unit: '%', target: '<= 0 %', rounds: deck.length };
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
