/**
 * Registry credentials the way the docker CLI finds them: the user's docker config
 * (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`) and its credential
 * helpers (`docker-credential-<name> get`). Docker Deck never stores credentials.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseImageReference } from '../core/imageRef';
import { credentialSourceFor, DockerConfigFile, fromHelperAnswer } from '../core/registryAuth';
import type { RegistryAuth } from './client';

export function dockerConfigDir(env: Record<string, string | undefined> = process.env): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

function readConfig(env: Record<string, string | undefined>): DockerConfigFile {
  try {
    return JSON.parse(fs.readFileSync(path.join(dockerConfigDir(env), 'config.json'), 'utf8')) as DockerConfigFile;
  } catch {
    return {};
  }
}

/** Credentials for the registry of an image reference, or undefined (anonymous). */
export async function registryAuthFor(reference: string, log: (m: string) => void, env: Record<string, string | undefined> = process.env): Promise<RegistryAuth | undefined> {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return undefined;
  const source = credentialSourceFor(readConfig(env), parsed.value.registry);
  switch (source.kind) {
    case 'none':
      return undefined;
    case 'inline':
      return { username: source.username, password: source.password, identitytoken: source.identitytoken, serveraddress: source.serverAddress };
    case 'helper':
      try {
        const answer = await runHelper(source.helper, source.serverUrl);
        const creds = fromHelperAnswer(answer, source.serverUrl);
        return { username: creds.username, password: creds.password, identitytoken: creds.identitytoken, serveraddress: creds.serverAddress };
      } catch (err) {
        log(`credential helper docker-credential-${source.helper} gave no credentials for ${source.serverUrl}: ${(err as Error).message}`);
        return undefined;
      }
  }
}

function runHelper(helper: string, serverUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 10_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim() || stdout.trim() || err.message));
      else resolve(stdout);
    });
    child.stdin?.end(serverUrl);
  });
}
