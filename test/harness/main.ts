/**
 * `npm test` after the type-check and the build: unit tests on Node, then a real
 * engine, a real VS Code and a real browser for the extension-host and e2e tests.
 * Everything started here is torn down at the end, after a failure and on Ctrl-C.
 *
 *   node scripts/test.js [--layers unit,suite,e2e] [--grep pattern] [--keep]
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import Mocha = require('mocha');
import * as os from 'os';
import * as path from 'path';
import { EngineInfo, ensureEngine, teardownEngine } from '../engine/engine';
import { launchBrowser } from './browser';
import { CodeServer, REPO_ROOT, startCodeServer } from './codeServer';
import { setTestSession } from './session';
import { runSuiteInBrowser, runSuiteInElectron, shouldUseElectron } from './suiteRunner';

type Layer = 'unit' | 'suite' | 'e2e';
interface Counts {
  layer: Layer;
  passes: number;
  failures: number;
  pending: number;
  ms: number;
  note?: string;
}

const OUT = path.join(REPO_ROOT, 'out', 'test');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

function parseArgs(argv: string[]) {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const layers = (get('--layers') ?? 'unit,suite,e2e').split(',') as Layer[];
  return { layers, grep: get('--grep'), keep: argv.includes('--keep') };
}

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`[test] cleanup failed: ${e}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n[test] ${signal}: tearing down`);
    void cleanup().then(() => process.exit(130));
  });
}

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

function runMocha(layer: Layer, files: string[], grep: string | undefined, timeout: number): Promise<Counts> {
  const t0 = Date.now();
  const mocha = new Mocha({ ui: 'bdd', timeout, color: true, reporter: 'spec' });
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      resolve({ layer, passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0, ms: Date.now() - t0 });
    });
  });
}

async function runSuite(env: Record<string, string>, server: CodeServer | undefined, browser: Awaited<ReturnType<typeof launchBrowser>> | undefined): Promise<Counts> {
  const t0 = Date.now();
  const resultsFile = env.DOCKER_DECK_TEST_RESULTS;
  fs.rmSync(resultsFile, { force: true });
  const testsPath = path.join(OUT, 'suite', 'index.js');
  let code: number;
  let note: string;
  if (server && browser) {
    code = await runSuiteInBrowser(server, browser.context, testsPath, env);
    note = 'code-server 4.100.3 (VS Code 1.100.3)';
  } else {
    code = await runSuiteInElectron(testsPath, env);
    note = 'desktop VS Code (@vscode/test-electron)';
  }
  let counts = { passes: 0, failures: code === 0 ? 0 : 1, pending: 0 };
  try {
    counts = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    console.error('[test] the extension-host tests wrote no results: they did not run to the end');
  }
  fs.rmSync(resultsFile, { force: true });
  if (code !== 0 && counts.failures === 0) counts.failures = 1;
  return { layer: 'suite', ...counts, ms: Date.now() - t0, note };
}

/** What the extension host (and so the tests in it) gets in its environment. */
function suiteEnv(engine: EngineInfo, resultsFile: string, grep?: string): Record<string, string> {
  const env: Record<string, string> = {
    DOCKER_HOST: engine.host,
    DOCKER_DECK_TEST_ENGINE: engine.stateDir ?? '',
    DOCKER_DECK_TEST_RESULTS: resultsFile,
    DOCKER_DECK_TEST_LOG: resultsFile.replace(/\.json$/, '.log'),
    DOCKER_DECK_TEST_RUN: runId,
    DOCKER_DECK_FIXTURE_IMAGE: engine.fixtureImage,
  };
  if (grep) env.DOCKER_DECK_TEST_GREP = grep;
  return env;
}

const runId = randomBytes(4).toString('hex');

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const results: Counts[] = [];
  // the screenshots of this run only
  if (args.layers.includes('e2e') && !args.grep) fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  if (args.layers.includes('unit')) {
    console.log('\n=== unit tests (mocha on Node) ===');
    results.push(await runMocha('unit', findTests(path.join(OUT, 'unit')), args.grep, 20_000));
  }

  const needEngine = args.layers.includes('suite') || args.layers.includes('e2e');
  if (needEngine) {
    const t0 = Date.now();
    const engine = await ensureEngine();
    if (!args.keep) cleanups.push(() => teardownEngine(engine));
    console.log(`[test] engine ${engine.host} (${engine.owned ? 'throwaway' : 'given'}), registries ${engine.registry?.address} and ${engine.authRegistry?.address} (auth) in ${Date.now() - t0} ms`);

    const env = suiteEnv(engine, path.join(os.tmpdir(), `docker-deck-suite-${runId}.json`), args.grep);
    const electron = args.layers.includes('suite') && shouldUseElectron();
    const needBrowser = args.layers.includes('e2e') || (args.layers.includes('suite') && !electron);
    let server: CodeServer | undefined;
    let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
    if (needBrowser) {
      const t1 = Date.now();
      server = await startCodeServer({ env });
      if (!args.keep) cleanups.push(() => server!.stop());
      browser = await launchBrowser();
      cleanups.push(() => browser!.close());
      console.log(`[test] code-server on ${server.url} and Chromium ready in ${Date.now() - t1} ms`);
    }

    if (args.layers.includes('suite')) {
      console.log('\n=== extension-host tests (mocha in a real VS Code) ===');
      results.push(await runSuite(env, electron ? undefined : server, electron ? undefined : browser));
    }
    if (args.layers.includes('e2e') && server && browser) {
      console.log('\n=== e2e tests (Playwright in the real workbench) ===');
      setTestSession({ engine, server, browser: browser.context, runId, resultsDir: RESULTS_DIR, env });
      results.push(await runMocha('e2e', findTests(path.join(OUT, 'e2e')), args.grep, 120_000));
      setTestSession(undefined);
    }
  }

  console.log('\n=== summary ===');
  for (const r of results) {
    const pending = r.pending ? `, ${r.pending} pending` : '';
    console.log(`${r.layer.padEnd(6)} ${String(r.passes).padStart(4)} passed, ${r.failures} failed${pending}  (${(r.ms / 1000).toFixed(1)} s)${r.note ? `  ${r.note}` : ''}`);
  }
  const failed = results.some((r) => r.failures > 0) || results.some((r) => r.passes === 0);
  if (results.some((r) => r.passes === 0)) console.log('a layer ran no test: that counts as a failure');
  console.log(failed ? 'FAILED' : 'ALL PASSED');
  return failed ? 1 : 0;
}

main()
  .catch((e) => {
    console.error(e);
    return 1;
  })
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
