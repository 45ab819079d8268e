import type { BooleanOption, ListOption, StringOption } from './types';

/** What a flag does here: sets one of our options, or is a docker flag we do not support. */
export type FlagTarget =
  | { kind: 'boolean'; option: BooleanOption }
  | { kind: 'string'; option: StringOption }
  | { kind: 'list'; option: ListOption }
  | { kind: 'unsupported'; takesValue: boolean };

export interface DockerFlag {
  long: string;
  short?: string;
  target: FlagTarget;
  /** Only `docker run` has it; `docker create` rejects it. */
  runOnly?: boolean;
}

const bool = (option: BooleanOption): FlagTarget => ({ kind: 'boolean', option });
const str = (option: StringOption): FlagTarget => ({ kind: 'string', option });
const list = (option: ListOption): FlagTarget => ({ kind: 'list', option });
const other: FlagTarget = { kind: 'unsupported', takesValue: true };
const otherSwitch: FlagTarget = { kind: 'unsupported', takesValue: false };

/**
 * Every flag of `docker run` / `docker create` in docker CLI 20.10 to 28,
 * hidden aliases included (`--net`, `--net-alias`, `--dns-opt`), so that
 * flags we do not support are skipped with their value and reported.
 * The first entry for an option is the spelling used when writing a command.
 */
export const DOCKER_RUN_FLAGS: readonly DockerFlag[] = [
  { long: 'detach', short: 'd', target: bool('detach'), runOnly: true },
  { long: 'rm', target: bool('rm') },
  { long: 'interactive', short: 'i', target: bool('interactive') },
  { long: 'tty', short: 't', target: bool('tty') },
  { long: 'name', target: str('name') },
  { long: 'init', target: bool('init') },
  { long: 'privileged', target: bool('privileged') },
  { long: 'read-only', target: bool('readOnly') },
  { long: 'hostname', short: 'h', target: str('hostname') },
  { long: 'user', short: 'u', target: str('user') },
  { long: 'workdir', short: 'w', target: str('workdir') },
  { long: 'entrypoint', target: str('entrypoint') },
  { long: 'network', target: str('network') },
  { long: 'net', target: str('network') },
  { long: 'restart', target: str('restart') },
  { long: 'memory', short: 'm', target: str('memory') },
  { long: 'cpus', target: str('cpus') },
  { long: 'publish', short: 'p', target: list('publish') },
  { long: 'publish-all', short: 'P', target: bool('publishAll') },
  { long: 'volume', short: 'v', target: list('volumes') },
  { long: 'mount', target: list('mounts') },
  { long: 'env-file', target: list('envFiles') },
  { long: 'env', short: 'e', target: list('env') },
  { long: 'label', short: 'l', target: list('labels') },
  { long: 'add-host', target: list('addHosts') },

  { long: 'annotation', target: other },
  { long: 'attach', short: 'a', target: other },
  { long: 'blkio-weight', target: other },
  { long: 'blkio-weight-device', target: other },
  { long: 'cap-add', target: other },
  { long: 'cap-drop', target: other },
  { long: 'cgroup-parent', target: other },
  { long: 'cgroupns', target: other },
  { long: 'cidfile', target: other },
  { long: 'cpu-count', target: other },
  { long: 'cpu-percent', target: other },
  { long: 'cpu-period', target: other },
  { long: 'cpu-quota', target: other },
  { long: 'cpu-rt-period', target: other },
  { long: 'cpu-rt-runtime', target: other },
  { long: 'cpu-shares', short: 'c', target: other },
  { long: 'cpuset-cpus', target: other },
  { long: 'cpuset-mems', target: other },
  { long: 'detach-keys', target: other, runOnly: true },
  { long: 'device', target: other },
  { long: 'device-cgroup-rule', target: other },
  { long: 'device-read-bps', target: other },
  { long: 'device-read-iops', target: other },
  { long: 'device-write-bps', target: other },
  { long: 'device-write-iops', target: other },
  { long: 'disable-content-trust', target: otherSwitch },
  { long: 'dns', target: other },
  { long: 'dns-opt', target: other },
  { long: 'dns-option', target: other },
  { long: 'dns-search', target: other },
  { long: 'domainname', target: other },
  { long: 'expose', target: other },
  { long: 'gpus', target: other },
  { long: 'group-add', target: other },
  { long: 'health-cmd', target: other },
  { long: 'health-interval', target: other },
  { long: 'health-retries', target: other },
  { long: 'health-start-interval', target: other },
  { long: 'health-start-period', target: other },
  { long: 'health-timeout', target: other },
  { long: 'help', target: otherSwitch },
  { long: 'io-maxbandwidth', target: other },
  { long: 'io-maxiops', target: other },
  { long: 'ip', target: other },
  { long: 'ip6', target: other },
  { long: 'ipc', target: other },
  { long: 'isolation', target: other },
  { long: 'kernel-memory', target: other },
  { long: 'label-file', target: other },
  { long: 'link', target: other },
  { long: 'link-local-ip', target: other },
  { long: 'log-driver', target: other },
  { long: 'log-opt', target: other },
  { long: 'mac-address', target: other },
  { long: 'memory-reservation', target: other },
  { long: 'memory-swap', target: other },
  { long: 'memory-swappiness', target: other },
  { long: 'net-alias', target: other },
  { long: 'network-alias', target: other },
  { long: 'no-healthcheck', target: otherSwitch },
  { long: 'oom-kill-disable', target: otherSwitch },
  { long: 'oom-score-adj', target: other },
  { long: 'pid', target: other },
  { long: 'pids-limit', target: other },
  { long: 'platform', target: other },
  { long: 'pull', target: other },
  { long: 'quiet', short: 'q', target: otherSwitch },
  { long: 'runtime', target: other },
  { long: 'security-opt', target: other },
  { long: 'shm-size', target: other },
  { long: 'sig-proxy', target: otherSwitch, runOnly: true },
  { long: 'stop-signal', target: other },
  { long: 'stop-timeout', target: other },
  { long: 'storage-opt', target: other },
  { long: 'sysctl', target: other },
  { long: 'tmpfs', target: other },
  { long: 'ulimit', target: other },
  { long: 'use-api-socket', target: otherSwitch },
  { long: 'userns', target: other },
  { long: 'uts', target: other },
  { long: 'volume-driver', target: other },
  { long: 'volumes-from', target: other },
];

const byLong = new Map(DOCKER_RUN_FLAGS.map((f) => [f.long, f]));
const byShort = new Map(DOCKER_RUN_FLAGS.filter((f) => f.short).map((f) => [f.short as string, f]));

export function flagByLongName(name: string): DockerFlag | undefined {
  return byLong.get(name);
}

export function flagByShortName(letter: string): DockerFlag | undefined {
  return byShort.get(letter);
}

export function takesValue(flag: DockerFlag): boolean {
  return flag.target.kind === 'unsupported' ? flag.target.takesValue : flag.target.kind !== 'boolean';
}

/** The flag used to write `option` on a command line: its first entry in the table. */
export function flagForOption(option: BooleanOption | StringOption | ListOption): DockerFlag {
  const flag = DOCKER_RUN_FLAGS.find((f) => f.target.kind !== 'unsupported' && f.target.option === option);
  if (!flag) throw new Error(`no flag for option ${option}`);
  return flag;
}
