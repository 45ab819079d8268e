/**
 * Entry of the extension-host tests: the `run()` contract of @vscode/test-electron,
 * which code-server's workbench honours too. Mocha 10 (CommonJS): mocha 12 cannot
 * be constructed inside the extension host.
 */
import * as fs from 'fs';
import Mocha = require('mocha');
import * as path from 'path';
import { format } from 'util';

export function run(): Promise<void> {
  redirectReporterOutput();
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  if (process.env.DOCKER_DECK_TEST_GREP) mocha.grep(process.env.DOCKER_DECK_TEST_GREP);
  for (const file of findTests(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      writeResults(runner.stats, failures);
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
  });
}

/**
 * The extension host's console reaches the runner only mixed with the workbench's
 * own logs, so the reporter writes to a file the runner follows instead.
 */
function redirectReporterOutput(): void {
  const file = process.env.DOCKER_DECK_TEST_LOG;
  if (!file) return;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => fs.appendFileSync(file, `${format(...args)}\n`);
}

function findTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The runner outside reads the counts from here for its summary. */
function writeResults(stats: Mocha.Stats | undefined, failures: number): void {
  const file = process.env.DOCKER_DECK_TEST_RESULTS;
  if (!file) return;
  fs.writeFileSync(file, JSON.stringify({ passes: stats?.passes ?? 0, failures, pending: stats?.pending ?? 0 }));
}
