/**
 * The options of one `docker run`, as the user wrote them. Repeatable specs
 * keep the user's raw strings so previews and round trips are exact; they are
 * interpreted (and validated) only when converted.
 */
export interface RunOptions {
  image: string;
  /** Command and arguments after the image, verbatim. */
  command: string[];

  interactive: boolean;
  tty: boolean;
  detach: boolean;
  rm: boolean;
  publishAll: boolean;
  readOnly: boolean;
  privileged: boolean;
  /** `undefined` leaves it to the daemon's default; `false` is an explicit `--init=false`. */
  init?: boolean;

  /** `undefined` means the flag was not given; an empty string is kept (e.g. `--entrypoint ''` resets it). */
  name?: string;
  network?: string;
  restart?: string;
  workdir?: string;
  user?: string;
  entrypoint?: string;
  hostname?: string;
  memory?: string;
  cpus?: string;

  publish: string[];
  volumes: string[];
  mounts: string[];
  env: string[];
  envFiles: string[];
  labels: string[];
  addHosts: string[];
}

export type BooleanOption = 'interactive' | 'tty' | 'detach' | 'rm' | 'publishAll' | 'readOnly' | 'privileged' | 'init';
export type StringOption =
  | 'name' | 'network' | 'restart' | 'workdir' | 'user' | 'entrypoint' | 'hostname' | 'memory' | 'cpus';
export type ListOption = 'publish' | 'volumes' | 'mounts' | 'env' | 'envFiles' | 'labels' | 'addHosts';

/** `commandLine` is for problems with the text itself (quoting, unknown flags...). */
export type RunOptionField = keyof RunOptions | 'commandLine';

export interface RunOptionError {
  field: RunOptionField;
  /** The offending value (one entry of a list field), when there is one. */
  value?: string;
  message: string;
}

/** Thrown by conversions that cannot proceed; carries every problem found. */
export class RunOptionsError extends Error {
  constructor(readonly errors: RunOptionError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'RunOptionsError';
  }
}

/** Outcome of parsing one spec: its meaning, or why it is invalid. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function emptyRunOptions(image = ''): RunOptions {
  return {
    image,
    command: [],
    interactive: false,
    tty: false,
    detach: false,
    rm: false,
    publishAll: false,
    readOnly: false,
    privileged: false,
    publish: [],
    volumes: [],
    mounts: [],
    env: [],
    envFiles: [],
    labels: [],
    addHosts: [],
  };
}
