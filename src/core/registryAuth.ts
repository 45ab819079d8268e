/**
 * Which credentials the docker CLI would use for a registry, from its config file
 * (`~/.docker/config.json`): a per-registry credential helper, else the default
 * store, else an inline `auths` entry (base64 `user:password` or an identity token).
 */
import { DOCKER_HUB } from './imageRef';

export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** The key docker uses for a registry in `auths` and for credential helpers. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

export type CredentialSource =
  | { kind: 'helper'; helper: string; serverUrl: string }
  | { kind: 'inline'; username?: string; password?: string; identitytoken?: string; serverAddress: string }
  | { kind: 'none' };

export function authKeyFor(registry: string): string {
  return registry === DOCKER_HUB || registry === 'index.docker.io' ? DOCKER_HUB_AUTH_KEY : registry;
}

/** `auths` keys come as `host`, `https://host`, `http://host/v1/`...: compare by host[:port]. */
function hostOf(key: string): string {
  return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}

export function credentialSourceFor(config: DockerConfigFile, registry: string): CredentialSource {
  const key = authKeyFor(registry);
  const host = hostOf(key);
  const helper = Object.entries(config.credHelpers ?? {}).find(([k]) => hostOf(k) === host)?.[1];
  if (helper) return { kind: 'helper', helper, serverUrl: key };
  const entry = Object.entries(config.auths ?? {}).find(([k]) => hostOf(k) === host);
  if (config.credsStore) return { kind: 'helper', helper: config.credsStore, serverUrl: entry?.[0] ?? key };
  if (!entry) return { kind: 'none' };
  const [serverAddress, value] = entry;
  if (value.identitytoken) return { kind: 'inline', identitytoken: value.identitytoken, serverAddress };
  if (value.auth) {
    const decoded = Buffer.from(value.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { kind: 'inline', username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serverAddress };
  }
  if (value.username) return { kind: 'inline', username: value.username, password: value.password, serverAddress };
  return { kind: 'none' };
}

/**
 * A credential helper's answer to `get` (`{"ServerURL","Username","Secret"}`);
 * the user name `<token>` means the secret is an identity token.
 */
export function fromHelperAnswer(answer: string, serverAddress: string): { username?: string; password?: string; identitytoken?: string; serverAddress: string } {
  const parsed = JSON.parse(answer) as { Username?: string; Secret?: string };
  if (parsed.Username === '<token>') return { identitytoken: parsed.Secret, serverAddress };
  return { username: parsed.Username, password: parsed.Secret, serverAddress };
}
