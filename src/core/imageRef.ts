/**
 * Image references parsed the way docker does (distribution/reference, with the
 * CLI's normalization): `ubuntu` is `docker.io/library/ubuntu:latest`,
 * `localhost:5000/a/b:1` is on the registry `localhost:5000`, and so on.
 */
import * as l10n from '@vscode/l10n';
import type { ParseResult } from './endpoint';

export const DOCKER_HUB = 'docker.io';
export const DEFAULT_TAG = 'latest';

export interface ImageReference {
  /** registry host[:port]; `docker.io` when none was given */
  registry: string;
  /** repository path on the registry, e.g. `library/ubuntu`, `a/b` */
  path: string;
  tag?: string;
  /** `algorithm:hex` */
  digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const HEX64 = /^[a-f0-9]{64}$/;
const MAX_NAME = 255;

export function parseImageReference(input: string): ParseResult<ImageReference> {
  const text = input.trim();
  const fail = (why: string): ParseResult<ImageReference> => ({ ok: false, error: why });
  if (!text) return fail(l10n.t('The image reference is empty.'));
  if (/\s/.test(text)) return fail(l10n.t('"{0}" is not a valid image reference: it contains spaces.', text));

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(l10n.t('"{0}" is not a valid image reference: invalid digest "{1}".', text, digest));
    if (digest.startsWith('sha256:') && !/^sha256:[0-9a-f]{64}$/.test(digest)) {
      return fail(l10n.t('"{0}" is not a valid image reference: a sha256 digest has 64 lowercase hex digits.', text));
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return fail(l10n.t('"{0}" is not a valid image reference: invalid tag "{1}".', text, tag));
  }
  if (!rest) return fail(l10n.t('"{0}" is not a valid image reference: the name is missing.', text));
  if (rest.length > MAX_NAME) return fail(l10n.t('"{0}" is not a valid image reference: the name is longer than {1} characters.', text, MAX_NAME));
  if (HEX64.test(rest)) {
    return fail(l10n.t('"{0}" is not a valid repository name: 64-character hexadecimal strings are image IDs, not names.', text));
  }

  const { registry, path } = splitRegistry(rest);
  if (registry !== DOCKER_HUB && !DOMAIN.test(registry)) {
    return fail(l10n.t('"{0}" is not a valid image reference: invalid registry host "{1}".', text, registry));
  }
  for (const component of path.split('/')) {
    if (component !== component.toLowerCase()) {
      return fail(l10n.t('"{0}" is not a valid image reference: repository names must be lowercase.', text));
    }
    if (!PATH_COMPONENT.test(component)) {
      return fail(l10n.t('"{0}" is not a valid image reference: "{1}" is not a valid name component (lowercase letters, digits and . _ - separators).', text, component));
    }
  }
  return { ok: true, value: { registry, path, tag, digest } };
}

/** The CLI's splitDockerDomain: the first component is a registry only if it looks like a host. */
function splitRegistry(name: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = isHost ? first : DOCKER_HUB;
  let path = isHost ? name.slice(slash + 1) : name;
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return { registry, path };
}

/** `docker.io/library/ubuntu` -> `ubuntu`, `docker.io/a/b` -> `a/b`, others unchanged: what `docker images` shows. */
export function familiarRepository(ref: ImageReference): string {
  if (ref.registry !== DOCKER_HUB) return `${ref.registry}/${ref.path}`;
  return ref.path.startsWith('library/') && ref.path.split('/').length === 2 ? ref.path.slice('library/'.length) : ref.path;
}

/** The reference written the way people write it, with the tag made explicit if asked. */
export function formatImageReference(ref: ImageReference, opts: { defaultTag?: boolean; fullyQualified?: boolean } = {}): string {
  const repo = opts.fullyQualified ? `${ref.registry}/${ref.path}` : familiarRepository(ref);
  const tag = ref.tag ?? (opts.defaultTag && !ref.digest ? DEFAULT_TAG : undefined);
  return `${repo}${tag ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** `ubuntu` -> `ubuntu:latest`; what `docker pull` pulls. Invalid input is returned as it is. */
export function normalizeImageReference(input: string): string {
  const parsed = parseImageReference(input);
  return parsed.ok ? formatImageReference(parsed.value, { defaultTag: true }) : input.trim();
}
