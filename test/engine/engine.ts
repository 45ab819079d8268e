/**
 * The throwaway Docker Engine under the tests (and under `npm start` when the user
 * has none): a private dockerd from Debian's docker.io on its own socket, data-root
 * and exec-root in a temp dir, plus docker-registry servers on 127.0.0.1 and a
 * fixture image built from busybox-static without any network.
 *
 * Everything about one engine lives in its state dir; `engine.json` there describes
 * it, so any process (the runner, the extension host running the suite) can stop
 * or restart it, and a later run can clean up after a crashed one.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const TEST_LABEL = 'org.dockerdeck.test';
export const FIXTURE_IMAGE = 'dockerdeck/fixture:1';
const STATE_PREFIX = 'docker-deck-engine-';

export interface RegistryInfo {
  /** host:port on 127.0.0.1 */
  address: string;
  user?: string;
  password?: string;
}

export interface EngineInfo {
  /** DOCKER_HOST value for this engine */
  host: string;
  socketPath: string;
  /** true when this run started the daemon (so tests may restart it) */
  owned: boolean;
  stateDir?: string;
  /** pid of the process that owns the engine; a dead owner marks a leftover */
  ownerPid: number;
  registry?: RegistryInfo;
  authRegistry?: RegistryInfo;
  fixtureImage: string;
}

const log = (msg: string) => process.stderr.write(`[engine] ${msg}\n`);

// ---------------------------------------------------------------------------
// Talking to a daemon socket with nothing but node's http

export function request(
  socketPath: string,
  method: string,
  urlPath: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const req = http.request(
      { socketPath, method, path: urlPath, headers: payload ? { 'Content-Type': 'application/json' } : {}, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export async function ping(socketPath: string, timeoutMs = 2000): Promise<boolean> {
  try {
    return (await request(socketPath, 'GET', '/_ping', undefined, timeoutMs)).status === 200;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function socketFromHost(host: string | undefined): string | undefined {
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  try {
    return Number(fs.readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// The daemon

function daemonPaths(stateDir: string) {
  return {
    data: path.join(stateDir, 'data'),
    exec: path.join(stateDir, 'exec'),
    socket: path.join(stateDir, 'docker.sock'),
    pidFile: path.join(stateDir, 'dockerd.pid'),
    log: path.join(stateDir, 'dockerd.log'),
    info: path.join(stateDir, 'engine.json'),
  };
}

/** Starts dockerd on the state dir (again, after a stop: same data, same images); `extraArgs` add listeners, TLS, ... */
export async function startDaemon(stateDir: string, extraArgs: string[] = []): Promise<void> {
  const p = daemonPaths(stateDir);
  if (isAlive(readPid(p.pidFile)) && (await ping(p.socket))) return;
  const net = privateNetwork(stateDir);
  const out = fs.openSync(p.log, 'a');
  const child = spawn(
    'dockerd',
    [
      '--data-root', p.data, '--exec-root', p.exec, '--pidfile', p.pidFile,
      '-H', `unix://${p.socket}`, '--iptables=false', '--ip-masq=false',
      '--bridge', net.bridge, '--default-address-pool', `base=${net.pool},size=24`,
      ...extraArgs,
    ],
    { detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  child.unref();
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `dockerd exited (${code ?? signal}) during start-up; see ${p.log}`));
  await waitFor('dockerd to answer /_ping', async () => {
    if (exited) throw new Error(exited);
    return ping(p.socket, 1000);
  }, 60_000, 200);
}

/**
 * Every dockerd started here gets a bridge of its own and its own address pool
 * for user networks. With the default `docker0`, daemons side by side (a test's
 * second engine, parallel runs) take the bridge from each other: one that stops
 * deletes docker0 under the others' containers.
 */
function privateNetwork(stateDir: string): { bridge: string; pool: string } {
  const file = path.join(stateDir, 'network.json');
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { bridge: string; pool: string };
    if (bridgeExists(saved.bridge)) return saved;
  }
  const bridge = `dd${path.basename(stateDir).slice(STATE_PREFIX.length)}`.slice(0, 15).replace(/[^\w-]/g, '');
  const used = execFileSync('ip', ['-4', '-o', 'addr'], { encoding: 'utf8' });
  let second = 0;
  for (let tries = 0; tries < 50; tries++) {
    const candidate = 100 + Math.floor(Math.random() * 150);
    if (!used.includes(` 10.${candidate}.`)) {
      second = candidate;
      break;
    }
  }
  if (!second) throw new Error('no free 10.x.0.0/16 range for a test engine network');
  execFileSync('ip', ['link', 'add', 'name', bridge, 'type', 'bridge']);
  execFileSync('ip', ['addr', 'add', `10.${second}.0.1/24`, 'dev', bridge]);
  execFileSync('ip', ['link', 'set', bridge, 'up']);
  const net = { bridge, pool: `10.${second}.128.0/17` };
  fs.writeFileSync(file, JSON.stringify(net));
  return net;
}

function bridgeExists(name: string): boolean {
  try {
    execFileSync('ip', ['link', 'show', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The bridge of a state dir goes with it. */
function removePrivateNetwork(stateDir: string): void {
  try {
    const { bridge } = JSON.parse(fs.readFileSync(path.join(stateDir, 'network.json'), 'utf8')) as { bridge: string };
    if (bridgeExists(bridge)) execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    /* none was made */
  }
}

/** Stops dockerd: kills what runs in it first, so shutdown does not wait for grace periods. */
export async function stopDaemon(stateDir: string): Promise<void> {
  const p = daemonPaths(stateDir);
  const pid = readPid(p.pidFile);
  if (!isAlive(pid)) return;
  if (await ping(p.socket, 1000)) {
    try {
      const list = JSON.parse((await request(p.socket, 'GET', '/containers/json')).body) as { Id: string }[];
      await Promise.all(list.map((c) => request(p.socket, 'POST', `/containers/${c.Id}/kill`).catch(() => undefined)));
    } catch {
      /* shutting down anyway */
    }
  }
  process.kill(pid!, 'SIGTERM');
  try {
    await waitFor('dockerd to exit', () => !isAlive(pid), 30_000);
  } catch {
    process.kill(pid!, 'SIGKILL');
    await waitFor('dockerd to die', () => !isAlive(pid), 5_000);
  }
}

// ---------------------------------------------------------------------------
// Registries

async function startRegistry(stateDir: string, name: string, auth?: { user: string; password: string }): Promise<RegistryInfo> {
  const dir = path.join(stateDir, name);
  fs.mkdirSync(path.join(dir, 'storage'), { recursive: true });
  const port = await freePort();
  let authBlock = '';
  if (auth) {
    const htpasswd = execFileSync('htpasswd', ['-Bbn', auth.user, auth.password], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'htpasswd'), htpasswd);
    authBlock = `auth:\n  htpasswd:\n    realm: docker-deck-test\n    path: ${path.join(dir, 'htpasswd')}\n`;
  }
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'storage')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${authBlock}`,
  );
  const out = fs.openSync(path.join(dir, 'registry.log'), 'a');
  const child = spawn('docker-registry', ['serve', config], { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(path.join(dir, 'registry.pid'), String(child.pid));
  await waitFor(`registry ${name} on 127.0.0.1:${port}`, () => httpStatus(port, '/v2/').then((s) => s === 200 || s === 401), 20_000);
  return { address: `127.0.0.1:${port}`, ...auth };
}

function httpStatus(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

// ---------------------------------------------------------------------------
// The fixture image: busybox-static in an empty root, imported without network

const BUSYBOX_APPLETS = ['sh', 'sleep', 'echo', 'cat', 'httpd', 'top', 'env', 'ls', 'true', 'false', 'kill', 'ps', 'id', 'wc', 'printf'];
/** Exits promptly on SIGTERM (sh as pid 1 would otherwise ignore it and make `docker stop` wait 10 s). */
export const FIXTURE_CMD = ['sh', '-c', "trap 'exit 0' TERM INT; sleep 86400 & wait"];

export async function buildFixtureImage(socketPath: string, reference = FIXTURE_IMAGE): Promise<void> {
  const existing = await request(socketPath, 'GET', `/images/${encodeURIComponent(reference)}/json`);
  if (existing.status === 200) return;
  const busybox = ['/bin/busybox', '/usr/bin/busybox'].find((f) => fs.existsSync(f));
  if (!busybox) throw new Error('busybox not found: apt-get install -y busybox-static');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-rootfs-'));
  try {
    fs.mkdirSync(path.join(root, 'bin'));
    fs.mkdirSync(path.join(root, 'tmp'));
    fs.mkdirSync(path.join(root, 'www'));
    fs.writeFileSync(path.join(root, 'www', 'index.html'), 'docker-deck fixture\n');
    fs.copyFileSync(busybox, path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    for (const applet of BUSYBOX_APPLETS) fs.symlinkSync('busybox', path.join(root, 'bin', applet));
    const tar = execFileSync('tar', ['-C', root, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    const [repo, tag] = splitReference(reference);
    const changes = [
      `CMD ${JSON.stringify(FIXTURE_CMD)}`,
      'ENV PATH=/bin',
      `LABEL ${TEST_LABEL}=fixture`,
      'EXPOSE 80/tcp',
    ];
    const query = new URLSearchParams({ fromSrc: '-', repo, tag });
    for (const c of changes) query.append('changes', c);
    const res = await rawPost(socketPath, `/images/create?${query}`, tar, 'application/x-tar');
    if (res.status !== 200 || /"error"/.test(res.body)) throw new Error(`import of ${reference} failed: ${res.status} ${res.body}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function splitReference(reference: string): [string, string] {
  const i = reference.lastIndexOf(':');
  return i > reference.lastIndexOf('/') ? [reference.slice(0, i), reference.slice(i + 1)] : [reference, 'latest'];
}

function rawPost(socketPath: string, urlPath: string, body: Buffer, contentType: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'POST', path: urlPath, headers: { 'Content-Type': contentType, 'Content-Length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------
// Whole engines

/**
 * A state dir for another engine of this process (a test's second daemon, its sshd): recorded
 * as owned by this process, so cleanupLeftovers() removes it, and kills what runs from it, after a crash.
 */
export function makeEngineStateDir(): { stateDir: string; info: EngineInfo } {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), STATE_PREFIX));
  const p = daemonPaths(stateDir);
  const info: EngineInfo = { host: `unix://${p.socket}`, socketPath: p.socket, owned: true, stateDir, ownerPid: process.pid, fixtureImage: FIXTURE_IMAGE };
  fs.writeFileSync(p.info, JSON.stringify(info, null, 2));
  return { stateDir, info };
}

export function readEngineInfo(stateDir: string): EngineInfo {
  return JSON.parse(fs.readFileSync(daemonPaths(stateDir).info, 'utf8')) as EngineInfo;
}

/**
 * The engine for a test run: the one DOCKER_HOST points at when it answers, or a
 * throwaway one. Registries are started in either case (they are ours).
 */
export async function ensureEngine(opts: { registries?: boolean } = {}): Promise<EngineInfo> {
  cleanupLeftovers();
  const given = process.env.DOCKER_HOST;
  const givenSocket = socketFromHost(given);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), STATE_PREFIX));
  let info: EngineInfo;
  if (given && givenSocket && (await ping(givenSocket))) {
    log(`using the engine at ${given}`);
    info = { host: given, socketPath: givenSocket, owned: false, stateDir, ownerPid: process.pid, fixtureImage: FIXTURE_IMAGE };
  } else {
    if (given) log(`DOCKER_HOST=${given} does not answer; starting a throwaway engine`);
    const p = daemonPaths(stateDir);
    info = { host: `unix://${p.socket}`, socketPath: p.socket, owned: true, stateDir, ownerPid: process.pid, fixtureImage: FIXTURE_IMAGE };
    fs.writeFileSync(p.info, JSON.stringify(info, null, 2));
    const t0 = Date.now();
    await startDaemon(stateDir);
    log(`throwaway dockerd ready on ${info.host} in ${Date.now() - t0} ms`);
  }
  fs.writeFileSync(daemonPaths(stateDir).info, JSON.stringify(info, null, 2));
  await buildFixtureImage(info.socketPath);
  if (opts.registries !== false) {
    info.registry = await startRegistry(stateDir, 'registry');
    info.authRegistry = await startRegistry(stateDir, 'auth-registry', { user: 'deck', password: 'deck-secret' });
  }
  fs.writeFileSync(daemonPaths(stateDir).info, JSON.stringify(info, null, 2));
  return info;
}

/** Removes everything labelled for a test run from an engine we do not own. */
async function removeLabelled(info: EngineInfo): Promise<void> {
  const filter = encodeURIComponent(JSON.stringify({ label: [TEST_LABEL] }));
  const list = JSON.parse((await request(info.socketPath, 'GET', `/containers/json?all=1&filters=${filter}`)).body) as { Id: string }[];
  await Promise.all(list.map((c) => request(info.socketPath, 'DELETE', `/containers/${c.Id}?force=1&v=1`)));
}

export async function teardownEngine(info: EngineInfo): Promise<void> {
  if (!info.stateDir) return;
  for (const name of ['registry', 'auth-registry']) {
    const pid = readPid(path.join(info.stateDir, name, 'registry.pid'));
    if (isAlive(pid)) process.kill(pid!, 'SIGKILL');
  }
  if (info.owned) await stopDaemon(info.stateDir);
  else await removeLabelled(info).catch((e) => log(`could not remove test containers: ${e}`));
  removeStateDir(info.stateDir);
}

function removeStateDir(stateDir: string): void {
  unmountUnder(stateDir);
  removePrivateNetwork(stateDir);
  fs.rmSync(stateDir, { recursive: true, force: true });
}

/** A crashed run can leave overlay or netns mounts under its state dir. */
function unmountUnder(dir: string): void {
  let mounts: string[] = [];
  try {
    mounts = fs
      .readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1])
      .filter((m) => m && (m === dir || m.startsWith(dir + '/')))
      .sort((a, b) => b.length - a.length);
  } catch {
    return;
  }
  for (const m of mounts) {
    try {
      execFileSync('umount', ['-l', m.replace(/\\040/g, ' ')], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  }
}

/** Engines whose owner process is gone are leftovers of a crashed or killed run. */
export function cleanupLeftovers(): void {
  for (const entry of fs.readdirSync(os.tmpdir())) {
    if (!entry.startsWith(STATE_PREFIX)) continue;
    const stateDir = path.join(os.tmpdir(), entry);
    let owner: number | undefined;
    try {
      owner = readEngineInfo(stateDir).ownerPid;
    } catch {
      owner = undefined;
    }
    if (isAlive(owner)) continue;
    log(`removing leftover engine ${stateDir}`);
    const pids = [readPid(daemonPaths(stateDir).pidFile), ...['registry', 'auth-registry'].map((n) => readPid(path.join(stateDir, n, 'registry.pid')))];
    for (const pid of pids) if (isAlive(pid)) process.kill(pid!, 'SIGKILL');
    killContainerdOf(stateDir);
    removeStateDir(stateDir);
  }
}

/** dockerd's managed containerd and shims outlive a SIGKILLed dockerd. */
function killContainerdOf(stateDir: string): void {
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(stateDir)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

