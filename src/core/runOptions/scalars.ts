import * as l10n from '@vscode/l10n';
import { parseImageReference } from '../imageRef';
import { isGoIP, parseGoInt, parseNanoCpus, parseRamInBytes } from './goSyntax';
import type { EngineRestartPolicy } from './engineTypes';
import type { Parsed } from './types';

/*
 * Single-value options: how the CLI reads them, plus the daemon's checks that
 * would otherwise only show up when the container is created or started.
 */

const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** The daemon refuses smaller memory limits. */
const MIN_MEMORY = 6 * 1024 * 1024;
/** sethostname(2) rejects longer names when the container starts. */
const MAX_HOSTNAME = 64;
const RESTART_POLICIES = ['no', 'always', 'unless-stopped', 'on-failure'];
const HOST_GATEWAY = 'host-gateway';

/** An image id, full or with its algorithm: `docker run` takes those as well as references. */
const IMAGE_ID = /^(sha256:)?[a-f0-9]{64}$/;

/** The image as `docker run` reads it: a reference by docker's own grammar, or an image id. */
export function checkImage(image: string): string | undefined {
  if (IMAGE_ID.test(image)) return undefined;
  const parsed = parseImageReference(image);
  if (!parsed.ok) return parsed.error;
  // the parser forgives surrounding spaces; the engine would not
  return image === image.trim() ? undefined : l10n.t('"{0}" is not a valid image reference: it contains spaces.', image.trim());
}

export function checkName(name: string): string | undefined {
  if (name === '' || CONTAINER_NAME.test(name)) return undefined;
  return l10n.t('Invalid container name "{0}": use at least 2 characters from [a-zA-Z0-9_.-], starting with a letter or digit.', name);
}

export function parseRestartPolicy(policy: string): Parsed<EngineRestartPolicy> {
  const colon = policy.indexOf(':');
  const name = colon < 0 ? policy : policy.slice(0, colon);
  const countText = colon < 0 ? '' : policy.slice(colon + 1);
  if (colon === 0 || (name !== '' && !RESTART_POLICIES.includes(name))) {
    const error = l10n.t('Invalid restart policy "{0}": expected no, always, unless-stopped or on-failure[:max-retries].', policy);
    return { ok: false, error };
  }
  const count = countText === '' ? 0 : parseGoInt(countText);
  if (count === undefined) {
    return { ok: false, error: l10n.t('Invalid restart policy "{0}": the maximum retry count must be an integer.', policy) };
  }
  if (count < 0) {
    return { ok: false, error: l10n.t('Invalid restart policy "{0}": the maximum retry count cannot be negative.', policy) };
  }
  if (count > 0 && name !== 'on-failure') {
    return { ok: false, error: l10n.t("Invalid restart policy \"{0}\": a maximum retry count can't be used with restart policy '{1}'.", policy, name) };
  }
  return { ok: true, value: { Name: name, MaximumRetryCount: count } };
}

/** Policies that restart the container, which `--rm` cannot be combined with. */
export function restartsContainer(policy: string): boolean {
  const parsed = parseRestartPolicy(policy);
  return parsed.ok && parsed.value.Name !== '' && parsed.value.Name !== 'no';
}

export function checkNetwork(network: string): string | undefined {
  if (network.trim() === '') return l10n.t('The network name is empty.');
  if (/\w+=\w+/.test(network)) {
    return l10n.t('The advanced --network syntax ("{0}") is not supported: give just the network name.', network);
  }
  if (network === 'container:') return l10n.t('--network container: needs the name or id of a container.');
  return undefined;
}

/** The network mode of another container's network namespace, which excludes several options. */
export function isContainerNetwork(network: string | undefined): boolean {
  return network?.startsWith('container:') ?? false;
}

export function checkWorkdir(dir: string): string | undefined {
  if (dir === '' || dir.startsWith('/')) return undefined;
  return l10n.t("The working directory '{0}' is invalid, it needs to be an absolute path.", dir);
}

export function checkUser(user: string): string | undefined {
  if (user === '') return undefined;
  const parts = user.split(':');
  if (/\s/.test(user) || parts.length > 2 || parts.some((p) => p === '')) {
    return l10n.t('Invalid user "{0}": expected name|uid[:group|gid].', user);
  }
  return undefined;
}

export function checkHostname(hostname: string): string | undefined {
  if (new TextEncoder().encode(hostname).length > MAX_HOSTNAME) {
    return l10n.t('The host name "{0}" is longer than {1} bytes.', hostname, MAX_HOSTNAME);
  }
  return undefined;
}

export function parseMemory(size: string): Parsed<number> {
  const bytes = parseRamInBytes(size);
  if (bytes.ok && bytes.value > 0 && bytes.value < MIN_MEMORY) {
    return { ok: false, error: l10n.t('Memory limit {0} is too low: the minimum memory limit allowed is 6MB.', size) };
  }
  return bytes;
}

export function parseCpus(cpus: string): Parsed<number> {
  const nano = parseNanoCpus(cpus);
  if (!nano.ok) return nano;
  if (nano.value < 0n) return { ok: false, error: l10n.t('The number of CPUs ({0}) cannot be negative.', cpus) };
  if (nano.value > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: l10n.t('The number of CPUs ({0}) is too large.', cpus) };
  return { ok: true, value: Number(nano.value) };
}

/**
 * `--add-host` as the CLI's opts.ValidateExtraHost: `host:ip` or `host=ip`,
 * IPv6 allowed (optionally in brackets), or `host-gateway`. Returns the
 * `host:ip` form the CLI sends to the daemon.
 */
export function parseAddHost(spec: string): Parsed<string> {
  const separator = spec.includes('=') ? '=' : ':';
  const at = spec.indexOf(separator);
  const host = at < 0 ? '' : spec.slice(0, at);
  let ip = at < 0 ? '' : spec.slice(at + 1);
  if (host === '' || host.includes(':')) {
    return { ok: false, error: l10n.t('Invalid --add-host "{0}": expected host:ip (or host=ip).', spec) };
  }
  if (ip !== HOST_GATEWAY) {
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    if (!isGoIP(ip.trim())) {
      return { ok: false, error: l10n.t('Invalid IP address "{0}" in --add-host: expected an IPv4 or IPv6 address, or host-gateway.', ip) };
    }
  }
  return { ok: true, value: `${host}:${ip}` };
}
