/**
 * `~/.ssh/known_hosts` as OpenSSH reads it: plain, wildcard and negated host
 * patterns, `[host]:port` for other ports than 22, hashed names (`|1|salt|hash`),
 * and the `@revoked` marker. Decides whether a host key offered by a server is the
 * one recorded, a new one, or a changed one; never accepts an unknown key.
 */
import { createHash, createHmac } from 'crypto';

export interface KnownHostEntry {
  /** where the line comes from, for messages: `/root/.ssh/known_hosts:3` */
  source: string;
  marker?: 'revoked' | 'cert-authority';
  /** comma-separated patterns, or one `|1|salt|hash` */
  hosts: string;
  keyType: string;
  /** base64 of the key blob */
  key: string;
}

export type HostKeyVerdict =
  | { status: 'known'; source: string }
  | { status: 'revoked'; source: string }
  /** the host is recorded with another key of the same type: possibly an attack */
  | { status: 'changed'; source: string }
  /** nothing recorded for this key; `otherTypes` lists the key types that are */
  | { status: 'unknown'; otherTypes: string[] };

/** Parses one known_hosts file; comments, blank and malformed lines are skipped. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0].startsWith('@')) {
      const m = fields.shift()!.slice(1);
      if (m !== 'revoked' && m !== 'cert-authority') return;
      marker = m;
    }
    const [hosts, keyType, key] = fields;
    if (!hosts || !keyType || !key) return;
    entries.push({ source: `${file}:${i + 1}`, marker, hosts, keyType, key });
  });
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** True when `name` matches an entry's host field (hashed, or patterns with `*`, `?` and `!`). */
export function hostMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) return hashedMatches(hosts, name);
  let matched = false;
  for (const pattern of hosts.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

/** The hashed form of a name, as `ssh-keygen -H` writes it (tests and tools). */
export function hashHostName(name: string, salt: Buffer): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

/**
 * What the recorded keys say about a key the server offered, as OpenSSH decides:
 * a revoked key is refused first; a matching key is known; another key of the
 * same type for this host means it changed.
 */
export function checkHostKey(entries: KnownHostEntry[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port);
  const offered = keyBlob.toString('base64');
  const keyType = keyTypeOf(keyBlob);
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key === offered);
  if (revoked) return { status: 'revoked', source: revoked.source };
  const forHost = entries.filter((e) => !e.marker && hostMatches(e.hosts, name));
  const same = forHost.find((e) => e.key === offered);
  if (same) return { status: 'known', source: same.source };
  const changed = forHost.find((e) => e.keyType === keyType);
  if (changed) return { status: 'changed', source: changed.source };
  return { status: 'unknown', otherTypes: [...new Set(forHost.map((e) => e.keyType))] };
}

/** The algorithm name inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:...` as `ssh-keygen -lf` and OpenSSH's prompts show it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

const ALGORITHMS_OF_KEY_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

/**
 * The host key algorithms to ask for first: those of the keys recorded for this
 * host (OpenSSH does the same), so a server that also has a newer key type is not
 * mistaken for an unknown host.
 */
export function preferredHostKeyAlgorithms(entries: KnownHostEntry[], host: string, port: number): string[] {
  const name = knownHostName(host, port);
  const types = [...new Set(entries.filter((e) => !e.marker && hostMatches(e.hosts, name)).map((e) => e.keyType))];
  return types.flatMap((t) => ALGORITHMS_OF_KEY_TYPE[t] ?? [t]);
}
