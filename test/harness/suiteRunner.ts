/**
 * Runs test/suite inside a real extension host: a desktop VS Code through
 * @vscode/test-electron where one is available, else code-server's workbench in
 * Chromium. Either way the exit code of the tests is returned.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext } from 'playwright-core';
import { CodeServer, REPO_ROOT, workbenchUrl } from './codeServer';

const SUITE_TIMEOUT_MS = 30 * 60_000;

/** A desktop VS Code is used when given, or when one can be shown (a display) and downloaded. */
export function shouldUseElectron(): boolean {
  if (process.env.VSCODE_EXECUTABLE_PATH) return true;
  const display = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  return display && process.env.DOCKER_DECK_TEST_HOST !== 'code-server';
}

export async function runSuiteInElectron(testsPath: string, env: Record<string, string>): Promise<number> {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (!vscodeExecutablePath) vscodeExecutablePath = await downloadAndUnzipVSCode('1.100.3');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-ws-'));
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: testsPath,
      extensionTestsEnv: env,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (e) {
    console.error(`[test] desktop VS Code: ${e}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

export async function runSuiteInBrowser(server: CodeServer, browser: BrowserContext, testsPath: string, env: Record<string, string>): Promise<number> {
  // the environment reached the extension host through code-server's own
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-ws-'));
  const page = await browser.newPage();
  const stopFollowing = follow(env.DOCKER_DECK_TEST_LOG);
  try {
    let exitWith: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exitWith = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exitWith(code));
    page.on('pageerror', (err) => console.error(`[workbench] ${err.message}`));
    await page.goto(workbenchUrl(server, { folder: workspace, testsPath }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[test] the extension-host tests did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes`);
        resolve(1);
      }, SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    stopFollowing();
    await page.close().catch(() => undefined);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Prints what the extension-host reporter appends to its log file, as it comes. */
function follow(file: string): () => void {
  let offset = 0;
  const flush = () => {
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    offset = size;
    process.stdout.write(buf);
  };
  fs.writeFileSync(file, '');
  fs.watchFile(file, { interval: 250 }, flush);
  return () => {
    fs.unwatchFile(file);
    flush();
    fs.rmSync(file, { force: true });
  };
}
