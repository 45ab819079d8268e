/**
 * A real VS Code for the tests: code-server from npm (VS Code 1.100.3 with a Node
 * extension host), installed once under .vscode-test/, started on 127.0.0.1 with
 * throwaway state, and stopped with its whole process group.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort } from '../engine/engine';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CodeServer {
  port: number;
  url: string;
  stateDir: string;
  stop(): Promise<void>;
}

/** Installs code-server offline (see scripts/install-code-server.sh) and returns its binary. */
export function ensureCodeServer(): string {
  const prefix = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-code-server.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return path.join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export interface StartOptions {
  env?: Record<string, string>;
  /** user settings written before start */
  settings?: Record<string, unknown>;
  port?: number;
  /** keep state in this dir instead of a temp one (npm start) */
  stateDir?: string;
  log?: (line: string) => void;
  /** VS Code's display language, e.g. 'ko': a stub language pack declares it (see installLanguagePack) */
  locale?: string;
}

export async function startCodeServer(opts: StartOptions = {}): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const port = opts.port ?? (await freePort());
  const stateDir = opts.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-code-server-'));
  const userDir = path.join(stateDir, 'ud', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'window.commandCenter': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  const extensionsDir = path.join(stateDir, 'exts');
  const localeArgs = opts.locale && opts.locale !== 'en' ? ['--locale', opts.locale] : [];
  if (localeArgs.length) installLanguagePack(stateDir, extensionsDir, opts.locale!);
  const child = spawn(
    process.execPath,
    [
      entry,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', path.join(stateDir, 'ud'),
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-file-downloads',
      ...localeArgs,
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(stateDir, 'cfg'),
        XDG_DATA_HOME: path.join(stateDir, 'data'),
        ...opts.env,
      },
    },
  );
  const log = opts.log ?? (() => undefined);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `code-server exited (${code ?? signal})`));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const onLine = (data: Buffer) => {
      for (const line of data.toString().split('\n')) {
        if (line.trim()) log(line);
        if (line.includes('HTTP server listening')) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(exited));
    });
  });
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5_000);
    await done;
    clearTimeout(timer);
    // the extension hosts are in the same group; make sure none outlives the server
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* all gone */
    }
    if (!opts.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  };
  return { port, url: `http://127.0.0.1:${port}`, stateDir, stop };
}

/**
 * VS Code shows a display language only when a language pack for it is
 * installed, and the packs come from the Marketplace, which is out of reach
 * offline. This installs a stub pack (test/harness/languagePack) that declares
 * the language and translates nothing of VS Code's own: the workbench stays in
 * English, and extensions load their own translations (package.nls.<lang>.json,
 * l10n/bundle.l10n.<lang>.json) exactly as under the real pack. The install is
 * what `code-server --install-extension` writes, plus the languagepacks.json that
 * the server otherwise writes only after an install made while it runs.
 */
function installLanguagePack(stateDir: string, extensionsDir: string, locale: string): void {
  const source = path.join(REPO_ROOT, 'test', 'harness', 'languagePack');
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const dir = path.join(extensionsDir, `${id}-${manifest.version}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.cpSync(source, dir, { recursive: true });
  manifest.contributes.localizations[0].languageId = locale;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  fs.writeFileSync(
    path.join(extensionsDir, 'extensions.json'),
    JSON.stringify([{ identifier: { id }, version: manifest.version, location: { $mid: 1, path: dir, scheme: 'file' }, relativeLocation: path.basename(dir), metadata: { source: 'vsix' } }]),
  );
  fs.writeFileSync(
    path.join(stateDir, 'ud', 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `stub-${manifest.version}`,
        extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
        translations: { vscode: path.join(dir, 'translations', 'main.i18n.json') },
        label: locale,
      },
    }),
  );
}

/**
 * The workbench URL that loads an extension under development (and optionally
 * runs its tests): the mechanism @vscode/test-web uses, which code-server honours.
 */
export function workbenchUrl(server: CodeServer, opts: { folder: string; extensionPath?: string; testsPath?: string }): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(opts.extensionPath ?? REPO_ROOT)]];
  if (opts.testsPath) payload.push(['extensionTestsPath', remote(opts.testsPath)]);
  return `${server.url}/?folder=${encodeURIComponent(opts.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
