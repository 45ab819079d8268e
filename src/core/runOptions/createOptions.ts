import * as l10n from '@vscode/l10n';
import type { ContainerCreateHostConfig, ContainerCreateOptions, EnginePortBinding } from './engineTypes';
import { EnvFileError, type Environment, lastPerName, parseEnvFile, resolveEnvSpec, splitKeyValue } from './envLabels';
import { parseMountSpec } from './mounts';
import { parsePortSpec } from './ports';
import { parseAddHost, parseCpus, parseMemory, parseRestartPolicy } from './scalars';
import { type Parsed, type RunOptionError, RunOptionsError, type RunOptions } from './types';
import { validateRunOptions } from './validate';
import { parseVolumeSpec } from './volumes';

export interface CreateContext {
  /** The environment `-e KEY` and bare env-file keys read from (the CLI reads its own). */
  env?: Environment;
  /** Contents of each `--env-file`, by the path given in the options. */
  envFiles?: Record<string, string>;
}

/**
 * The `POST /containers/create` body that `docker run` would send for `opts`
 * (name included; send it as the `name` query parameter). Throws
 * RunOptionsError when the options are invalid or an env file is missing.
 */
export function toContainerCreateOptions(opts: RunOptions, ctx: CreateContext = {}): ContainerCreateOptions {
  const problems = validateRunOptions(opts);
  if (problems.length > 0) throw new RunOptionsError(problems);
  const env = environmentOf(opts, ctx);
  const ports = publishedPorts(opts.publish);
  const { binds, anonymous } = sortVolumes(opts.volumes);
  const attach = !opts.detach;

  const body: ContainerCreateOptions = {
    Image: opts.image,
    Tty: opts.tty,
    OpenStdin: opts.interactive,
    // the CLI attaches stdout/stderr unless detached, stdin with -i, and closes stdin when the client detaches
    AttachStdin: attach && opts.interactive,
    AttachStdout: attach,
    AttachStderr: attach,
    StdinOnce: attach && opts.interactive,
    Labels: Object.fromEntries(opts.labels.map(splitKeyValue)),
    HostConfig: hostConfig(opts, ports.bindings, binds),
  };
  if (opts.name) body.name = opts.name;
  if (opts.command.length > 0) body.Cmd = [...opts.command];
  // `--entrypoint ''` resets the image's entrypoint, which the API spells [""]
  if (opts.entrypoint !== undefined) body.Entrypoint = [opts.entrypoint];
  if (env.length > 0) body.Env = env;
  if (ports.exposed.length > 0) body.ExposedPorts = Object.fromEntries(ports.exposed.map((p) => [p, {}]));
  if (anonymous.length > 0) body.Volumes = Object.fromEntries(anonymous.map((target) => [target, {}]));
  if (opts.workdir) body.WorkingDir = opts.workdir;
  if (opts.user) body.User = opts.user;
  if (opts.hostname) body.Hostname = opts.hostname;
  return body;
}

/** Lists the docker CLI always sends empty (not null); the daemon keeps them as sent, so containers match. */
const cliEmptyLists = (): Partial<ContainerCreateHostConfig> => ({
  Dns: [],
  DnsOptions: [],
  DnsSearch: [],
  Devices: [],
  Ulimits: [],
  BlkioWeightDevice: [],
  BlkioDeviceReadBps: [],
  BlkioDeviceReadIOps: [],
  BlkioDeviceWriteBps: [],
  BlkioDeviceWriteIOps: [],
});

function hostConfig(
  opts: RunOptions,
  portBindings: Record<string, EnginePortBinding[]>,
  binds: string[],
): ContainerCreateHostConfig {
  // the CLI always sends a restart policy: "no" when --restart is not given
  const host: ContainerCreateHostConfig = {
    PortBindings: portBindings,
    PublishAllPorts: opts.publishAll,
    AutoRemove: opts.rm,
    RestartPolicy: valueOf(parseRestartPolicy(opts.restart ?? 'no')),
    ReadonlyRootfs: opts.readOnly,
    Privileged: opts.privileged,
    ...cliEmptyLists(),
  };
  if (binds.length > 0) host.Binds = binds;
  if (opts.mounts.length > 0) host.Mounts = opts.mounts.map((spec) => valueOf(parseMountSpec(spec)));
  if (opts.network !== undefined) host.NetworkMode = opts.network;
  if (opts.memory !== undefined) host.Memory = valueOf(parseMemory(opts.memory));
  if (opts.cpus !== undefined) host.NanoCpus = valueOf(parseCpus(opts.cpus));
  if (opts.addHosts.length > 0) host.ExtraHosts = opts.addHosts.map((spec) => valueOf(parseAddHost(spec)));
  if (opts.init !== undefined) host.Init = opts.init;
  return host;
}

/** Env-file entries first, in order, then `-e` values, as the CLI merges them. */
function environmentOf(opts: RunOptions, ctx: CreateContext): string[] {
  const env = ctx.env ?? {};
  const errors: RunOptionError[] = [];
  const fromFiles = opts.envFiles.flatMap((path) => {
    const text = ctx.envFiles?.[path];
    if (text === undefined) {
      errors.push({ field: 'envFiles', value: path, message: l10n.t('The contents of env file {0} were not provided.', path) });
      return [];
    }
    try {
      return parseEnvFile(text, env);
    } catch (e) {
      if (!(e instanceof EnvFileError)) throw e;
      errors.push({ field: 'envFiles', value: path, message: l10n.t('Invalid env file {0}: {1}', path, e.message) });
      return [];
    }
  });
  if (errors.length > 0) throw new RunOptionsError(errors);
  // the CLI passes -e values through a map (to merge in proxy settings): a name given twice keeps its last value
  return [...fromFiles, ...lastPerName(opts.env.map((spec) => resolveEnvSpec(spec, env)))];
}

/** -v with a source (bind or named volume) is sent verbatim as a bind; the CLI drops repeated specs. */
function sortVolumes(specs: string[]): { binds: string[]; anonymous: string[] } {
  const binds: string[] = [];
  const anonymous: string[] = [];
  for (const spec of new Set(specs)) {
    const volume = valueOf(parseVolumeSpec(spec));
    if (volume.kind === 'anonymous') anonymous.push(volume.target);
    else binds.push(spec);
  }
  return { binds, anonymous };
}

function publishedPorts(specs: string[]): { exposed: string[]; bindings: Record<string, EnginePortBinding[]> } {
  const bindings: Record<string, EnginePortBinding[]> = {};
  for (const spec of specs) {
    for (const { port, hostIp, hostPort } of valueOf(parsePortSpec(spec))) {
      (bindings[port] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
    }
  }
  return { exposed: Object.keys(bindings), bindings };
}

/** For specs already validated: the parse cannot fail here. */
function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`unexpected invalid value: ${parsed.error}`);
  return parsed.value;
}
