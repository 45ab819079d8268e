/**
 * An SSH server in front of a test engine, the way `docker -H ssh://` reaches a
 * remote one: Debian's sshd on 127.0.0.1:PORT with its own config, host key and
 * authorized_keys in a temp dir; logging in runs `docker system dial-stdio`, whose
 * DOCKER_HOST (set by sshd) is the test engine. Also made here: client homes with
 * keys and known_hosts (the real ~/.ssh is never touched), an ssh-agent holding a
 * key, and an `ssh` wrapper so that the docker CLI uses the same files.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort } from './engine';

export interface SshPeer {
  port: number;
  /** `ssh-ed25519 AAAA...` */
  hostKey: string;
  /** HOME with .ssh/id_ed25519 (authorized) and a known_hosts that records the server */
  home: string;
  /** SSH_AUTH_SOCK of an agent holding an authorized key that is in no home */
  agentSocket: string;
  /** PATH entry whose `ssh` uses `home`'s key and known_hosts (for the docker CLI) */
  cliPath: string;
  /** Makes another HOME: with `key` an authorized or unknown key, `knownHosts` lines */
  makeHome(name: string, opts: { key?: 'authorized' | 'unauthorized'; knownHosts?: string }): string;
  /** the known_hosts line for this server */
  knownHostsLine: string;
  stop(): Promise<void>;
}

function keygen(file: string, comment: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file], { stdio: 'ignore' });
  return fs.readFileSync(`${file}.pub`, 'utf8').trim();
}

/** Resolves when the child's output (stderr, or stdout) matches; rejects if it exits first. */
function waitForLine(child: ChildProcess, pattern: RegExp, logFile: string, what: string, stream: 'stdout' | 'stderr' = 'stderr'): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 10 s: ${seen}`)), 10_000);
    child[stream]!.on('data', (d: Buffer) => {
      fs.appendFileSync(logFile, d);
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}): ${seen}`));
    });
  });
}

export async function startSshPeer(stateDir: string, farSideDockerHost: string): Promise<SshPeer> {
  const dir = path.join(stateDir, 'ssh');
  fs.mkdirSync(dir, { recursive: true });
  // sshd's privilege separation needs it (it exists wherever the ssh service ever ran)
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const hostKey = keygen(path.join(dir, 'host_ed25519'), 'test-host').split(' ').slice(0, 2).join(' ');
  const userKey = path.join(dir, 'user_ed25519');
  const agentKey = path.join(dir, 'agent_ed25519');
  const strangerKey = path.join(dir, 'stranger_ed25519');
  const authorized = [keygen(userKey, 'user'), keygen(agentKey, 'agent')];
  keygen(strangerKey, 'stranger');
  fs.writeFileSync(path.join(dir, 'authorized_keys'), authorized.join('\n') + '\n');

  const port = await freePort();
  const knownHostsLine = `[127.0.0.1]:${port} ${hostKey}`;
  const farConfig = path.join(dir, 'far-docker-config');
  fs.mkdirSync(farConfig);
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_ed25519')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      // the far side's docker CLI talks to the test engine, with a config of its own
      `SetEnv DOCKER_HOST=${farSideDockerHost} DOCKER_CONFIG=${farConfig}`,
      '',
    ].join('\n'),
  );
  const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const agentSocket = path.join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    for (const child of [sshd, agent]) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await Promise.all([
      waitForLine(sshd, /Server listening on 127\.0\.0\.1 port/, path.join(dir, 'sshd.log'), 'sshd'),
      waitForLine(agent, /SSH_AUTH_SOCK=/, path.join(dir, 'agent.log'), 'ssh-agent', 'stdout'),
    ]);
    execFileSync('ssh-add', ['-q', agentKey], { env: { ...process.env, SSH_AUTH_SOCK: agentSocket }, stdio: 'ignore' });
  } catch (e) {
    await stop();
    throw e;
  }

  const makeHome = (name: string, opts: { key?: 'authorized' | 'unauthorized'; knownHosts?: string }) => {
    const home = path.join(dir, 'homes', name);
    fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    if (opts.key) fs.copyFileSync(opts.key === 'authorized' ? userKey : strangerKey, path.join(home, '.ssh', 'id_ed25519'));
    if (opts.knownHosts !== undefined) fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), opts.knownHosts);
    return home;
  };
  const home = makeHome('user', { key: 'authorized', knownHosts: `${knownHostsLine}\n` });

  // `docker -H ssh://` runs `ssh`: this one reads the test's files, never ~/.ssh
  const cliPath = path.join(dir, 'bin');
  fs.mkdirSync(cliPath);
  const clientConfig = path.join(dir, 'client_config');
  fs.writeFileSync(
    clientConfig,
    `UserKnownHostsFile ${path.join(home, '.ssh', 'known_hosts')}\nIdentityFile ${path.join(home, '.ssh', 'id_ed25519')}\nIdentitiesOnly yes\nStrictHostKeyChecking yes\nBatchMode yes\n`,
  );
  fs.writeFileSync(path.join(cliPath, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${clientConfig} "$@"\n`, { mode: 0o755 });

  return { port, hostKey, home, agentSocket, cliPath, makeHome, knownHostsLine, stop };
}
