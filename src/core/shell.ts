/** POSIX shell quoting for command lines people can paste into a terminal. */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument only when a shell would otherwise change it. */
export function quoteArg(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function formatCommandLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}
