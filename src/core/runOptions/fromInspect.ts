import type { ContainerInspectInfo, ImageInspectInfo } from './engineTypes';
import { lastPerName } from './envLabels';
import { formatNanoCpus, formatRamBytes } from './goSyntax';
import { formatMount } from './mounts';
import { formatPortMapping } from './ports';
import { emptyRunOptions, type RunOptions } from './types';

/** Network modes the daemon uses when none is given. */
const DEFAULT_NETWORKS = ['default', 'bridge'];
/** The daemon names a container's host after the first 12 characters of its id. */
const GENERATED_HOSTNAME_LENGTH = 12;

/**
 * Rebuilds the `docker run` options of an existing container from its inspect
 * data, leaving out what its image sets by default and what the daemon fills
 * in on its own, so the result reads like what the user typed. Env files are
 * already merged into Env and come back as -e values.
 */
export function runOptionsFromInspect(inspect: ContainerInspectInfo, image: ImageInspectInfo): RunOptions {
  const config = inspect.Config;
  const host = inspect.HostConfig;
  const defaults = image.Config ?? {};
  const opts = emptyRunOptions(config.Image ?? '');

  Object.assign(opts, entrypointAndCommand(config, defaults));
  opts.interactive = config.OpenStdin === true;
  opts.tty = config.Tty === true;
  opts.detach = !config.AttachStdin && !config.AttachStdout && !config.AttachStderr;
  opts.rm = host.AutoRemove === true;
  opts.publishAll = host.PublishAllPorts === true;
  opts.readOnly = host.ReadonlyRootfs === true;
  opts.privileged = host.Privileged === true;
  if (typeof host.Init === 'boolean') opts.init = host.Init;

  const name = inspect.Name?.replace(/^\//, '');
  if (name) opts.name = name;
  const network = host.NetworkMode;
  if (network && !DEFAULT_NETWORKS.includes(network)) opts.network = network;
  const restart = host.RestartPolicy;
  if (restart?.Name && restart.Name !== 'no') {
    opts.restart = restart.MaximumRetryCount > 0 ? `${restart.Name}:${restart.MaximumRetryCount}` : restart.Name;
  }
  if (config.WorkingDir && config.WorkingDir !== (defaults.WorkingDir ?? '')) opts.workdir = config.WorkingDir;
  if (config.User && config.User !== (defaults.User ?? '')) opts.user = config.User;
  if (isChosenHostname(config.Hostname, inspect.Id, network)) opts.hostname = config.Hostname;
  if (host.Memory) opts.memory = formatRamBytes(host.Memory);
  if (host.NanoCpus) opts.cpus = formatNanoCpus(host.NanoCpus);

  opts.publish = Object.entries(host.PortBindings ?? {}).flatMap(([port, bindings]) =>
    (bindings ?? []).map((b) => formatPortMapping({ port, hostIp: b.HostIp, hostPort: b.HostPort })),
  );
  opts.volumes = [...(host.Binds ?? []), ...addedKeys(config.Volumes, defaults.Volumes)];
  opts.mounts = (host.Mounts ?? []).map(formatMount);
  const imageEnv = new Set(defaults.Env ?? []);
  // -e cannot repeat a name (the CLI keeps the last), and the last is the value docker means to win over env files
  opts.env = lastPerName((config.Env ?? []).filter((entry) => !imageEnv.has(entry)));
  opts.labels = Object.entries(config.Labels ?? {})
    .filter(([key, value]) => defaults.Labels?.[key] !== value)
    .map(([key, value]) => `${key}=${value}`);
  opts.addHosts = [...(host.ExtraHosts ?? [])];
  return opts;
}

/**
 * `--entrypoint` takes one word, so extra entrypoint words move to the front
 * of the command. When the entrypoint is overridden the daemon ignores the
 * image's CMD, so the command is kept even if it equals the image's.
 */
function entrypointAndCommand(
  config: ContainerInspectInfo['Config'],
  defaults: NonNullable<ImageInspectInfo['Config']>,
): Pick<RunOptions, 'entrypoint' | 'command'> {
  const entrypoint = config.Entrypoint ?? [];
  const cmd = config.Cmd ?? [];
  const imageEntrypoint = defaults.Entrypoint ?? [];
  if (sameList(entrypoint, imageEntrypoint)) {
    return { command: sameList(cmd, defaults.Cmd ?? []) ? [] : [...cmd] };
  }
  if (entrypoint.length === 0) return { entrypoint: '', command: [...cmd] };
  return { entrypoint: entrypoint[0], command: [...entrypoint.slice(1), ...cmd] };
}

function isChosenHostname(hostname: string | undefined, id: string, network: string | undefined): boolean {
  if (!hostname || hostname === id.slice(0, GENERATED_HOSTNAME_LENGTH)) return false;
  // with the host's network the container gets the host's name, which inspect cannot tell from a chosen one
  return network !== 'host';
}

function addedKeys(values: Record<string, unknown> | null | undefined, defaults: Record<string, unknown> | null | undefined): string[] {
  return Object.keys(values ?? {}).filter((key) => !(key in (defaults ?? {})));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
