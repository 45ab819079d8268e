import * as l10n from '@vscode/l10n';
import { checkEnvSpec, checkLabelSpec } from './envLabels';
import { parseMountSpec } from './mounts';
import { parsePortSpec } from './ports';
import {
  checkHostname, checkImage, checkName, checkNetwork, checkUser, checkWorkdir, isContainerNetwork,
  parseAddHost, parseCpus, parseMemory, parseRestartPolicy, restartsContainer,
} from './scalars';
import type { ListOption, Parsed, RunOptionError, RunOptions, StringOption } from './types';
import { cleanPath, parseVolumeSpec } from './volumes';

/*
 * Per-field validators for editors (a quick pick validates as the user types):
 * each returns the problem with one value, or undefined when docker accepts it.
 */

const errorOf = <T>(parsed: Parsed<T>): string | undefined => (parsed.ok ? undefined : parsed.error);

export const validateImage = checkImage;
export const validateName = checkName;
export const validateHostname = checkHostname;
export const validateNetwork = checkNetwork;
export const validateWorkdir = checkWorkdir;
export const validateUser = checkUser;
export const validateEnvSpec = checkEnvSpec;
export const validateLabelSpec = checkLabelSpec;
export const validatePortSpec = (spec: string): string | undefined => errorOf(parsePortSpec(spec));
export const validateVolumeSpec = (spec: string): string | undefined => errorOf(parseVolumeSpec(spec));
export const validateMountSpec = (spec: string): string | undefined => errorOf(parseMountSpec(spec));
export const validateRestartPolicy = (policy: string): string | undefined => errorOf(parseRestartPolicy(policy));
export const validateMemory = (size: string): string | undefined => errorOf(parseMemory(size));
export const validateCpus = (cpus: string): string | undefined => errorOf(parseCpus(cpus));
export const validateAddHost = (spec: string): string | undefined => errorOf(parseAddHost(spec));
export function validateEnvFilePath(path: string): string | undefined {
  return path.trim() === '' ? l10n.t('The env file path is empty.') : undefined;
}

type Validator = (value: string) => string | undefined;

const SINGLE_VALUE_CHECKS: Partial<Record<StringOption | 'image', Validator>> = {
  image: validateImage,
  name: validateName,
  hostname: validateHostname,
  network: validateNetwork,
  workdir: validateWorkdir,
  user: validateUser,
  restart: validateRestartPolicy,
  memory: validateMemory,
  cpus: validateCpus,
};

const LIST_CHECKS: Record<ListOption, Validator> = {
  publish: validatePortSpec,
  volumes: validateVolumeSpec,
  mounts: validateMountSpec,
  env: validateEnvSpec,
  envFiles: validateEnvFilePath,
  labels: validateLabelSpec,
  addHosts: validateAddHost,
};

/** Every problem docker (CLI or daemon) would report for these options, field by field. */
export function validateRunOptions(opts: RunOptions): RunOptionError[] {
  const errors: RunOptionError[] = [];
  for (const [field, check] of Object.entries(SINGLE_VALUE_CHECKS) as [StringOption | 'image', Validator][]) {
    const value = opts[field];
    const message = value === undefined ? undefined : check(value);
    if (message) errors.push({ field, value, message });
  }
  for (const [field, check] of Object.entries(LIST_CHECKS) as [ListOption, Validator][]) {
    for (const value of opts[field]) {
      const message = check(value);
      if (message) errors.push({ field, value, message });
    }
  }
  return [...errors, ...conflicts(opts)];
}

/** Combinations docker refuses even when every value is valid on its own. */
function conflicts(opts: RunOptions): RunOptionError[] {
  const errors: RunOptionError[] = [];
  if (opts.rm && opts.restart !== undefined && restartsContainer(opts.restart)) {
    errors.push({ field: 'restart', value: opts.restart, message: l10n.t('Conflicting options: cannot specify both --restart and --rm.') });
  }
  if (isContainerNetwork(opts.network)) {
    const network = opts.network as string;
    if (opts.hostname) {
      errors.push({ field: 'hostname', value: opts.hostname, message: l10n.t('Conflicting options: --hostname cannot be used with --network {0}.', network) });
    }
    if (opts.publish.length > 0 || opts.publishAll) {
      errors.push({ field: 'publish', message: l10n.t('Conflicting options: ports cannot be published with --network {0}.', network) });
    }
    if (opts.addHosts.length > 0) {
      errors.push({ field: 'addHosts', message: l10n.t('Conflicting options: --add-host cannot be used with --network {0}.', network) });
    }
  }
  return [...errors, ...duplicateMountPoints(opts)];
}

/** Bind mounts, named volumes and --mount targets must not share a container path (anonymous volumes give way instead). */
function duplicateMountPoints(opts: RunOptions): RunOptionError[] {
  const taken = new Set<string>();
  const errors: RunOptionError[] = [];
  const add = (field: 'volumes' | 'mounts', spec: string, target: string): void => {
    const mountPoint = cleanPath(target);
    if (taken.has(mountPoint)) errors.push({ field, value: spec, message: l10n.t('Duplicate mount point: {0}.', mountPoint) });
    taken.add(mountPoint);
  };
  // the CLI drops a repeated -v, but sends every --mount
  for (const spec of new Set(opts.volumes)) {
    const volume = parseVolumeSpec(spec);
    if (volume.ok && volume.value.kind !== 'anonymous') add('volumes', spec, volume.value.target);
  }
  for (const spec of opts.mounts) {
    const mount = parseMountSpec(spec);
    if (mount.ok && mount.value.Target) add('mounts', spec, mount.value.Target);
  }
  return errors;
}
