import { flagForOption } from './flags';
import { quoteShellWord } from './shellWords';
import type { BooleanOption, ListOption, RunOptions, StringOption } from './types';

type WrittenOption = BooleanOption | StringOption | ListOption;

/** Order of the flags on a written command line: how it runs, who it is, where it lives, what it gets. */
const WRITE_ORDER: readonly WrittenOption[] = [
  'detach', 'rm', 'interactive', 'tty', 'name', 'init', 'privileged', 'readOnly',
  'hostname', 'user', 'workdir', 'entrypoint', 'network', 'restart', 'memory', 'cpus',
  'publishAll', 'publish', 'volumes', 'mounts', 'envFiles', 'env', 'labels', 'addHosts',
];

/** Switches people write together (`-it`, `-dit`); others, like -P, stand alone to stay readable. */
const GROUPED_SWITCHES: readonly WrittenOption[] = ['detach', 'interactive', 'tty'];

/** A one-letter switch (`-i`) that can share a dash with its neighbours, or any other arguments. */
type Written = { letter: string } | { args: string[] };

/** The argv after `docker run` that recreates `opts` (flags, image, command). */
export function toDockerArgs(opts: RunOptions): string[] {
  const written = WRITE_ORDER.flatMap((option) => writeOption(opts, option));
  // an image that starts with a dash would be read as a flag
  const endOfFlags = opts.image.startsWith('-') ? ['--'] : [];
  return [...joinSwitches(written), ...endOfFlags, opts.image, ...opts.command];
}

/** The equivalent `docker run ...` line, quoted for a POSIX shell. */
export function toDockerRunCommand(opts: RunOptions): string {
  return ['docker', 'run', ...toDockerArgs(opts)].map(quoteShellWord).join(' ');
}

function writeOption(opts: RunOptions, option: WrittenOption): Written[] {
  const flag = flagForOption(option);
  const name = flag.short ? `-${flag.short}` : `--${flag.long}`;
  const value = opts[option];
  if (value === true) return [flag.short && GROUPED_SWITCHES.includes(option) ? { letter: flag.short } : { args: [name] }];
  // only --init tells "explicitly off" from "not given"
  if (value === false) return option === 'init' ? [{ args: [`--${flag.long}=false`] }] : [];
  if (typeof value === 'string') return [{ args: [name, value] }];
  if (Array.isArray(value)) return value.map((v) => ({ args: [name, v] }));
  return [];
}

/** `-i` `-t` next to each other become `-it`. */
function joinSwitches(written: Written[]): string[] {
  const args: string[] = [];
  let group = '';
  for (const item of written) {
    if ('letter' in item) {
      group += item.letter;
      continue;
    }
    if (group) args.push(`-${group}`);
    group = '';
    args.push(...item.args);
  }
  if (group) args.push(`-${group}`);
  return args;
}
