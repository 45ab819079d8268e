/**
 * `npm run bench`: a throwaway engine filled with 1,000 containers in a mix of
 * states and 200 images, the extension in a real VS Code (code-server) talking to
 * it through a counting proxy, and the measurements of test/bench/hostBench.ts
 * (plus the browser ones), written to BENCHMARKS.md with the machine and date.
 * Prints a table, then one JSON object on the last line.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureEngine, EngineInfo, request, teardownEngine } from '../engine/engine';
import { launchBrowser } from '../harness/browser';
import { REPO_ROOT, startCodeServer } from '../harness/codeServer';
import { runSuiteInBrowser } from '../harness/suiteRunner';
import { benchInspect } from './inspect.bench';
import { startCountingProxy } from './proxy';
import { BENCH_LABEL, Measurement } from './stats';

const CONTAINERS = 1000;
const IMAGES = 200;

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

async function api(engine: EngineInfo, method: string, urlPath: string, body?: unknown): Promise<unknown> {
  const res = await request(engine.socketPath, method, urlPath, body, 60_000);
  if (res.status >= 300 && res.status !== 304) throw new Error(`${method} ${urlPath}: ${res.status} ${res.body}`);
  return res.body ? JSON.parse(res.body) : undefined;
}

/** 1,000 containers: 100 running, 20 paused, 80 exited (half with an error), 800 created; 200 images. */
async function populate(engine: EngineInfo): Promise<void> {
  const t0 = Date.now();
  const plan = Array.from({ length: CONTAINERS }, (_, i) => (i < 100 ? 'running' : i < 120 ? 'paused' : i < 200 ? 'exited' : 'created'));
  let n = 0;
  await pool(plan, 8, async (state) => {
    const i = n++;
    const cmd = state === 'exited' ? ['sh', '-c', `exit ${i % 2}`] : undefined;
    const { Id } = (await api(engine, 'POST', `/containers/create?name=bench-${i}`, { Image: engine.fixtureImage, Cmd: cmd, Labels: { [BENCH_LABEL]: state } })) as { Id: string };
    if (state === 'created') return;
    await api(engine, 'POST', `/containers/${Id}/start`);
    if (state === 'paused') await api(engine, 'POST', `/containers/${Id}/pause`);
    if (state === 'exited') await api(engine, 'POST', `/containers/${Id}/wait`);
  });
  const source = ((await api(engine, 'POST', '/containers/create', { Image: engine.fixtureImage, Labels: { [BENCH_LABEL]: 'image-source' } })) as { Id: string }).Id;
  await pool(Array.from({ length: IMAGES }, (_, i) => i), 4, async (i) => {
    const q = new URLSearchParams({ container: source, repo: `bench/image-${i % 40}`, tag: `v${i}`, changes: `LABEL n=${i}` });
    await api(engine, 'POST', `/commit?${q}`);
  });
  await api(engine, 'DELETE', `/containers/${source}`);
  console.log(`[bench] ${CONTAINERS} containers and ${IMAGES} images made in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function machine(engine: { version: string; api: string }): Record<string, string> {
  const cpus = os.cpus();
  let cli = '';
  try {
    cli = execFileSync('docker', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    cli = 'not found';
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    os: `${os.type()} ${os.release()} (${fs.existsSync('/etc/debian_version') ? `Debian ${fs.readFileSync('/etc/debian_version', 'utf8').trim()}` : os.platform()})`,
    cpu: `${cpus[0]?.model ?? '?'} × ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    node: process.version,
    engine: `dockerd ${engine.version} (API ${engine.api})`,
    cli,
    vscode: 'VS Code 1.100.3 (code-server 4.100.3), Chromium headless',
  };
}

function table(results: Measurement[]): string {
  const fmt = (v: number | null | undefined) => (v === undefined || v === null || Number.isNaN(v) ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const rows = results.map((r) => `| ${r.name} | ${fmt(r.median)} ${r.unit} | ${r.p95 === undefined ? '' : `${fmt(r.p95)} ${r.unit}`} | ${r.target ?? ''} | ${r.rounds ?? ''} |`);
  return ['| measurement | median | p95 | target | rounds |', '|---|---|---|---|---|', ...rows].join('\n');
}

async function main(): Promise<void> {
  delete process.env.DOCKER_HOST; // 1,000 containers go on a throwaway engine, never on the user's
  const engine = await ensureEngine({ registries: false });
  const cleanups: (() => Promise<void>)[] = [() => teardownEngine(engine)];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e) => console.error(`[bench] cleanup: ${e}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void cleanup().then(() => process.exit(130)));
  try {
    const version = (await api(engine, 'GET', '/version')) as { Version: string; ApiVersion: string };
    if (!process.env.DOCKER_DECK_BENCH_ONLY || process.env.DOCKER_DECK_BENCH_ONLY !== 'bulk') await populate(engine);
    const proxy = await startCountingProxy(engine.socketPath, path.join(engine.stateDir!, 'counted.sock'));
    cleanups.push(() => proxy.close());
    const out = path.join(os.tmpdir(), `docker-deck-bench-${process.pid}.json`);
    const logFile = out.replace(/\.json$/, '.log');
    const env = {
      DOCKER_HOST: `unix://${proxy.socketPath}`,
      DOCKER_DECK_BENCH_ENGINE: engine.socketPath,
      DOCKER_DECK_BENCH_CONTROL: proxy.controlUrl,
      DOCKER_DECK_BENCH_OUT: out,
      DOCKER_DECK_BENCH_LOG: logFile,
      DOCKER_DECK_TEST_LOG: logFile,
      DOCKER_DECK_FIXTURE_IMAGE: engine.fixtureImage,
      ...(process.env.DOCKER_DECK_BENCH_ONLY ? { DOCKER_DECK_BENCH_ONLY: process.env.DOCKER_DECK_BENCH_ONLY } : {}),
    };
    const server = await startCodeServer({ env });
    cleanups.push(() => server.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    console.log('[bench] running in the extension host (about 6 minutes)');
    await runSuiteInBrowser(server, browser.context, path.join(REPO_ROOT, 'out', 'test', 'bench', 'hostBench.js'), env);
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as Measurement[];
    fs.rmSync(out, { force: true });
    if (!process.env.DOCKER_DECK_BENCH_ONLY || process.env.DOCKER_DECK_BENCH_ONLY.includes('inspect')) {
      console.log('[bench] the inspect page in Chromium');
      results.push(...(await benchInspect({ page: await browser.context.newPage(), rounds: 20 })));
    }

    const info = machine({ version: version.Version, api: version.ApiVersion });
    const md = [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (test/bench/): a throwaway engine with 1,000 containers (100 running, 20 paused,',
      '80 exited, 800 created) and 200 images; Docker Deck in a real VS Code extension host, talking to the engine',
      'through a proxy that counts its requests. Medians of the rounds shown; the CLI and the raw API are measured in',
      'the same run on the same engine, through the same proxy. The inspect page is measured in Chromium with its real bundle and stylesheet',
      'in a plain page (no workbench around it): first paint after the data arrives, and search keystrokes.',
      'On a 2-core machine, where the engine, the extension host and the browser share the cores, rounds spread by',
      'about ±10% (stop all), ±20% (remove 100) and ±30 ms (one list call): differences smaller than that are noise.',
      'Each round is printed. Bulk rounds: each side gets its own fresh hundred containers, every measurement starts',
      'once the machine is idle again (the engine goes on working for seconds after making or removing 100), and the',
      'extension and the CLI take turns going first (whichever went first was up to 25% slower before that). The',
      '"round by round" rows compare the two sides within each round, where the spread between rounds does not blur them.',
      '',
      ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
      '',
      table(results),
      '',
    ].join('\n');
    // a partial run (DOCKER_DECK_BENCH_ONLY) prints its figures but leaves BENCHMARKS.md alone
    if (!process.env.DOCKER_DECK_BENCH_ONLY) fs.writeFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), md);
    console.log(`\n${table(results)}\n`);
    console.log(JSON.stringify({ machine: info, results }));
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
