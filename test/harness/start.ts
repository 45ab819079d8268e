/**
 * `npm start`: Docker Deck in a real VS Code in the browser (code-server on
 * 127.0.0.1), on the user's engine, or on a throwaway one with a few example
 * containers when none answers and this machine can run dockerd.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { EngineInfo, ensureEngine, FIXTURE_IMAGE, freePort, ping, request, teardownEngine } from '../engine/engine';
import { REPO_ROOT, startCodeServer, workbenchUrl } from './codeServer';

const EXAMPLE_LABEL = 'org.dockerdeck.example';

function userSocket(): string | undefined {
  const host = process.env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice(7) : undefined;
}

function canRunDockerd(): boolean {
  try {
    execFileSync('dockerd', ['--version'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A few containers in different states, so the views have something to show. */
async function createExamples(engine: EngineInfo): Promise<void> {
  const sock = engine.socketPath;
  const webPort = (await portIsFree(8081)) ? 8081 : await freePort();
  const make = async (name: string, body: Record<string, unknown>, then: ('start' | 'pause' | 'wait')[]) => {
    const res = await request(sock, 'POST', `/containers/create?name=${name}`, { Image: FIXTURE_IMAGE, Labels: { [EXAMPLE_LABEL]: '1' }, ...body });
    if (res.status !== 201) return;
    const id = JSON.parse(res.body).Id as string;
    for (const step of then) await request(sock, 'POST', `/containers/${id}/${step}`, undefined, 30_000);
  };
  await make('deck-web', { Cmd: ['httpd', '-f', '-p', '80', '-h', '/www'], ExposedPorts: { '80/tcp': {} }, HostConfig: { Init: true, PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(webPort) }] } } }, ['start']);
  await make('deck-paused', {}, ['start', 'pause']);
  await make('deck-done', { Cmd: ['sh', '-c', 'echo done'] }, ['start', 'wait']);
  await make('deck-failed', { Cmd: ['sh', '-c', 'exit 3'] }, ['start', 'wait']);
  await make('deck-new', {}, []);
  console.log(`[start] example containers made; deck-web serves http://127.0.0.1:${webPort}`);
}

async function main(): Promise<void> {
  let engine: EngineInfo | undefined;
  const socket = userSocket();
  if (socket && (await ping(socket))) {
    console.log(`[start] using your engine at ${process.env.DOCKER_HOST ?? `unix://${socket}`}`);
  } else if (!socket && process.env.DOCKER_HOST) {
    console.log(`[start] using DOCKER_HOST=${process.env.DOCKER_HOST}`);
  } else if (canRunDockerd()) {
    console.log('[start] no engine answers: starting a throwaway one (removed when you stop npm start)');
    delete process.env.DOCKER_HOST;
    engine = await ensureEngine({ registries: false });
    await createExamples(engine);
    process.env.DOCKER_HOST = engine.host;
  } else {
    console.log('[start] no Docker engine answers and dockerd cannot be started here: Docker Deck will say so, and recover once you start one.');
  }

  const stateDir = path.join(REPO_ROOT, '.vscode-test', 'start');
  fs.mkdirSync(stateDir, { recursive: true });
  const wanted = Number(process.env.PORT) || 8080;
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  // `npm start -- --locale ko`: Docker Deck in Korean (VS Code's own strings stay English offline)
  const localeAt = process.argv.indexOf('--locale');
  const locale = localeAt > 0 ? process.argv[localeAt + 1] : undefined;
  const server = await startCodeServer({ port, stateDir, locale, env: process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {} });

  const stop = async () => {
    console.log('\n[start] stopping');
    await server.stop();
    if (engine) await teardownEngine(engine);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const url = workbenchUrl(server, { folder: REPO_ROOT });
  console.log(`\nDocker Deck is running in VS Code at:\n\n  ${url}\n\nOpen it in a browser on this machine (the Docker Deck icon is in the activity bar). Ctrl-C stops everything.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
