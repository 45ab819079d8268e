import * as l10n from '@vscode/l10n';
import type { Parsed } from './types';

/**
 * A `-v` value as the docker CLI sorts it: with a source it is sent verbatim
 * in HostConfig.Binds (bind mount or named volume), without one it is an
 * anonymous volume in Config.Volumes.
 */
export type VolumeSpec =
  | { kind: 'bind' | 'named'; source: string; target: string; mode: string }
  | { kind: 'anonymous'; target: string };

/** The local volume driver's rule for names. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** Bind mount propagation modes, for -v modes and --mount bind-propagation alike. */
export const PROPAGATION_MODES = ['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared'];
const MODE_GROUPS: readonly (readonly string[])[] = [
  ['rw', 'ro'],
  ['z', 'Z'],
  PROPAGATION_MODES,
  ['nocopy'],
  ['consistent', 'cached', 'delegated'],
];

export function parseVolumeSpec(spec: string): Parsed<VolumeSpec> {
  const split = splitLikeCli(spec);
  if (!split.ok) return split;
  const [source, target, mode = ''] = split.value;
  if (target === undefined) return checkAnonymous(source);
  if (source.startsWith('.') || source.startsWith('~')) {
    return { ok: false, error: l10n.t('The host path {0} is relative: use an absolute path.', source) };
  }
  if (mode === '' && isMode(target)) {
    return { ok: false, error: l10n.t('Invalid volume {0}: "{1}" is a mode; expected source:/container/path[:mode].', spec, target) };
  }
  const kind = source.startsWith('/') ? 'bind' : 'named';
  const problem = checkTarget(target) ?? checkMode(mode, kind) ?? (kind === 'named' ? checkVolumeName(source) : undefined);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: { kind, source, target, mode } };
}

/**
 * Splits at colons like the CLI (docker/cli volumespec): a one-letter part
 * followed by a colon is taken for a Windows drive ("c:\x"), 1-2 character
 * specs are always a container path, and a fourth part is an error.
 */
function splitLikeCli(spec: string): Parsed<string[]> {
  if (spec === '') return { ok: false, error: l10n.t('The volume is empty.') };
  if (spec.length <= 2) return { ok: true, value: [spec] };
  const parts: string[] = [];
  let buffer = '';
  for (const char of spec) {
    if (char === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) {
      buffer += char;
    } else if (char === ':') {
      if (buffer === '') return { ok: false, error: l10n.t('Invalid volume {0}: empty part between colons.', spec) };
      if (parts.length === 2) return { ok: false, error: l10n.t('Invalid volume {0}: too many colons.', spec) };
      parts.push(buffer);
      buffer = '';
    } else {
      buffer += char;
    }
  }
  if (buffer === '') return { ok: false, error: l10n.t('Invalid volume {0}: empty part between colons.', spec) };
  parts.push(buffer);
  return { ok: true, value: parts };
}

function checkAnonymous(target: string): Parsed<VolumeSpec> {
  if (/^\p{L}:/u.test(target)) {
    return { ok: false, error: l10n.t('"{0}" is read as a Windows drive path: use a volume name of at least 2 characters.', target) };
  }
  const problem = checkTarget(target);
  return problem ? { ok: false, error: problem } : { ok: true, value: { kind: 'anonymous', target } };
}

function checkTarget(target: string): string | undefined {
  if (!target.startsWith('/')) return l10n.t('The container path {0} must be absolute.', target);
  if (cleanPath(target) === '/') return l10n.t("The container path can't be '/'.");
  return undefined;
}

function isMode(text: string): boolean {
  return checkModeSyntax(text) === undefined;
}

function checkMode(mode: string, kind: 'bind' | 'named'): string | undefined {
  if (mode === '') return undefined;
  const options = mode.split(',');
  const syntaxProblem = checkModeSyntax(mode);
  if (syntaxProblem) return syntaxProblem;
  if (kind === 'named' && options.some((o) => PROPAGATION_MODES.includes(o))) {
    return l10n.t('Mount propagation ({0}) applies to bind mounts only, not to named volumes.', mode);
  }
  if (kind === 'bind' && options.includes('nocopy')) {
    return l10n.t('nocopy applies to named volumes only, not to bind mounts.');
  }
  return undefined;
}

/** The daemon's rule: known options only, at most one of each kind. */
function checkModeSyntax(mode: string): string | undefined {
  const options = mode.split(',');
  const unknown = options.find((o) => !MODE_GROUPS.some((group) => group.includes(o)));
  if (unknown !== undefined) {
    return l10n.t('Invalid volume mode "{0}": expected ro, rw, z, Z, nocopy, a propagation (such as rshared) or a consistency (such as cached).', unknown);
  }
  const repeated = MODE_GROUPS.find((group) => options.filter((o) => group.includes(o)).length > 1);
  if (repeated) return l10n.t('Invalid volume mode "{0}": give at most one of {1}.', mode, repeated.join(', '));
  return undefined;
}

export function checkVolumeName(name: string): string | undefined {
  return VOLUME_NAME.test(name)
    ? undefined
    : l10n.t('"{0}" is not a valid volume name: use at least 2 characters from [a-zA-Z0-9_.-], starting with a letter or digit, or an absolute host path for a bind mount.', name);
}

/** path.Clean for container paths, to compare mount points the way the daemon does. */
export function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
