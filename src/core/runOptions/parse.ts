import * as l10n from '@vscode/l10n';
import { type DockerFlag, flagByLongName, flagByShortName, takesValue } from './flags';
import { parseGoBool } from './goSyntax';
import { splitShellWords } from './shellWords';
import { emptyRunOptions, type RunOptionError, type RunOptions } from './types';

export interface ParsedRunCommand {
  options: RunOptions;
  errors: RunOptionError[];
  /** Docker flags given but not supported here, by long name (`--gpus`), once each. */
  unsupported: string[];
}

type Subcommand = 'run' | 'create';

/**
 * Parses a pasted `docker run` command line: POSIX shell quoting, then the
 * docker CLI's flag rules (spf13/pflag with interspersed arguments off: the
 * first argument that is not a flag is the image, everything after it is the
 * command). `docker run` / `docker container run` / `docker create` prefixes
 * are optional.
 */
export function parseDockerRunCommand(line: string): ParsedRunCommand {
  const shell = splitShellWords(line);
  const errors: RunOptionError[] = shell.errors.map((message) => ({ field: 'commandLine', message }));
  const prefix = stripDockerPrefix(shell.words);
  if ('error' in prefix) {
    return { options: emptyRunOptions(), errors: [...errors, { field: 'commandLine', message: prefix.error }], unsupported: [] };
  }
  const parser = new FlagParser(prefix.subcommand);
  parser.parse(prefix.args);
  return { options: parser.options, errors: [...errors, ...parser.errors], unsupported: [...parser.unsupported] };
}

function stripDockerPrefix(words: string[]): { args: string[]; subcommand: Subcommand } | { error: string } {
  if (words.length === 0 || !/(^|[\\/])docker(\.exe)?$/.test(words[0])) return { args: words, subcommand: 'run' };
  const rest = words[1] === 'container' ? words.slice(2) : words.slice(1);
  if (rest[0] === 'run' || rest[0] === 'create') return { args: rest.slice(1), subcommand: rest[0] };
  return { error: l10n.t('Expected "docker run" or "docker create", got "{0}".', words.slice(0, 3).join(' ')) };
}

class FlagParser {
  readonly options = emptyRunOptions();
  readonly errors: RunOptionError[] = [];
  readonly unsupported = new Set<string>();
  constructor(private readonly subcommand: Subcommand) {}

  parse(args: string[]): void {
    let i = 0;
    while (i < args.length) {
      const arg = args[i++];
      if (arg === '--') {
        this.setPositionals(args.slice(i));
        return;
      }
      if (arg.length < 2 || !arg.startsWith('-')) {
        this.setPositionals(args.slice(i - 1));
        return;
      }
      const rest = args.slice(i);
      const consumed = arg.startsWith('--') ? this.parseLong(arg, rest) : this.parseShortGroup(arg, rest);
      if (consumed < 0) return;
      i += consumed;
    }
    this.setPositionals([]);
  }

  /**
   * `--flag`, `--flag=value`, `--flag value`; returns how many following args
   * it used, or -1 when the rest cannot be read (like pflag, which stops there).
   */
  private parseLong(arg: string, rest: string[]): number {
    const body = arg.slice(2);
    if (body.startsWith('-') || body.startsWith('=')) return this.fail(l10n.t('Bad flag syntax: {0}', arg));
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const flag = flagByLongName(name);
    if (!flag || this.notForSubcommand(flag)) return this.fail(l10n.t('Unknown flag: --{0}', name));
    if (eq >= 0 || !takesValue(flag)) {
      this.apply(flag, eq >= 0 ? body.slice(eq + 1) : undefined);
      return 0;
    }
    if (rest.length === 0) return this.fail(l10n.t('Flag needs an argument: {0}', arg));
    this.apply(flag, rest[0]);
    return 1;
  }

  /** `-it`, `-p80:80`, `-p=80:80`, `-itp 80:80`: a value flag takes the rest of the group or the next arg. */
  private parseShortGroup(arg: string, rest: string[]): number {
    let letters = arg.slice(1);
    while (letters.length > 0) {
      const flag = flagByShortName(letters[0]);
      if (!flag || this.notForSubcommand(flag)) {
        return this.fail(l10n.t("Unknown shorthand flag: '{0}' in {1}", letters[0], arg));
      }
      if (letters.length > 2 && letters[1] === '=') {
        this.apply(flag, letters.slice(2));
        return 0;
      }
      if (!takesValue(flag)) {
        this.apply(flag, undefined);
        letters = letters.slice(1);
      } else if (letters.length > 1) {
        this.apply(flag, letters.slice(1));
        return 0;
      } else if (rest.length > 0) {
        this.apply(flag, rest[0]);
        return 1;
      } else {
        return this.fail(l10n.t("Flag needs an argument: '{0}' in {1}", letters[0], arg));
      }
    }
    return 0;
  }

  private notForSubcommand(flag: DockerFlag): boolean {
    return this.subcommand === 'create' && flag.runOnly === true;
  }

  /** Sets the option; `value` is undefined for a switch given without `=value`. */
  private apply(flag: DockerFlag, value: string | undefined): void {
    const { target } = flag;
    switch (target.kind) {
      case 'unsupported':
        this.unsupported.add(`--${flag.long}`);
        if (value !== undefined && !takesValue(flag)) this.readBool(flag, value);
        return;
      case 'boolean': {
        const enabled = value === undefined ? true : this.readBool(flag, value);
        if (enabled !== undefined) this.options[target.option] = enabled;
        return;
      }
      case 'string':
        if (target.option === 'network' && this.options.network !== undefined) {
          this.errors.push({
            field: 'network',
            value,
            message: l10n.t('Only one --network is supported here: connect other networks once the container exists.'),
          });
        }
        this.options[target.option] = value;
        return;
      case 'list':
        this.options[target.option].push(value as string);
    }
  }

  private readBool(flag: DockerFlag, value: string): boolean | undefined {
    const parsed = parseGoBool(value);
    if (parsed === undefined) {
      this.fail(l10n.t('Invalid value "{0}" for --{1}: expected true or false.', value, flag.long));
    }
    return parsed;
  }

  private setPositionals(positionals: string[]): void {
    if (positionals.length === 0) {
      this.fail(l10n.t('No image given: docker {0} requires at least 1 argument (the image).', this.subcommand));
      return;
    }
    this.options.image = positionals[0];
    this.options.command = positionals.slice(1);
  }

  private fail(message: string): -1 {
    this.errors.push({ field: 'commandLine', message });
    return -1;
  }
}
