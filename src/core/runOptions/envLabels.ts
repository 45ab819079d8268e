import * as l10n from '@vscode/l10n';

/** The caller's environment, for `-e KEY` and bare `KEY` lines in env files. */
export type Environment = Record<string, string | undefined>;

/** `-e` value: `KEY=VAL`, or `KEY` to pass the caller's value (docker's opts.ValidateEnv). */
export function checkEnvSpec(spec: string): string | undefined {
  const key = spec.split('=', 1)[0];
  return key === '' ? l10n.t('Invalid environment variable "{0}": the name before = is empty.', spec) : undefined;
}

/** `-e KEY` takes the caller's value when it has one, and stays a bare `KEY` otherwise, as in the CLI. */
export function resolveEnvSpec(spec: string, env: Environment): string {
  if (spec.includes('=')) return spec;
  const value = env[spec];
  return value === undefined ? spec : `${spec}=${value}`;
}

/** One `NAME[=value]` entry per name, the last one given, at the place the name first appeared. */
export function lastPerName(entries: string[]): string[] {
  const byName = new Map<string, string>();
  for (const entry of entries) byName.set(entry.split('=', 1)[0], entry);
  return [...byName.values()];
}

const FILE_WHITESPACE = /[ \t]/;
/** Go's unicode.IsSpace, trimmed at the start of each line. */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * Parses an `--env-file` the way the docker CLI 28 does: `#` comments and
 * blank lines skipped, leading whitespace trimmed, `KEY=VAL` kept verbatim
 * (no quote removal), bare `KEY` taken from `env` and left out when unset.
 * Throws `EnvFileError` on a line docker rejects.
 */
export function parseEnvFile(text: string, env: Environment = {}): string[] {
  const entries: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '').replace(LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key === '') throw new EnvFileError(index + 1, l10n.t("Line {0}: no variable name in '{1}'.", index + 1, line));
    if (FILE_WHITESPACE.test(key)) {
      throw new EnvFileError(index + 1, l10n.t("Line {0}: variable '{1}' contains whitespace.", index + 1, key));
    }
    if (eq >= 0) entries.push(line);
    else if (env[key] !== undefined) entries.push(`${key}=${env[key]}`);
  });
  return entries;
}

export class EnvFileError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/** `-l` value: `key=value` or `key`; the key may not be empty nor contain whitespace (opts.ValidateLabel). */
export function checkLabelSpec(spec: string): string | undefined {
  const key = spec.split('=', 1)[0].replace(/^[ \t]+/, '');
  if (key === '') return l10n.t('Invalid label "{0}": the name is empty.', spec);
  if (FILE_WHITESPACE.test(key)) return l10n.t("Invalid label: the name '{0}' contains whitespace.", key);
  return undefined;
}

/** Splits `key=value` (or `key`, meaning an empty value) like docker's ConvertKVStringsToMap. */
export function splitKeyValue(spec: string): [string, string] {
  const eq = spec.indexOf('=');
  return eq < 0 ? [spec, ''] : [spec.slice(0, eq), spec.slice(eq + 1)];
}
