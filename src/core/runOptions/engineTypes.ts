/**
 * The parts of the Docker Engine API (v1.41+) that `docker run` options touch.
 * Field names are the API's own; optional fields are left out of the JSON
 * body the way the Go client's `omitempty` leaves them out.
 */

export interface EngineMount {
  Type: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: {
    Propagation?: string;
    NonRecursive?: boolean;
    ReadOnlyNonRecursive?: boolean;
    ReadOnlyForceRecursive?: boolean;
  };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    Subpath?: string;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number };
}

export interface EnginePortBinding {
  HostIp: string;
  HostPort: string;
}

export interface EngineRestartPolicy {
  Name: string;
  MaximumRetryCount: number;
}

export interface ContainerCreateHostConfig {
  Binds?: string[];
  Mounts?: EngineMount[];
  PortBindings?: Record<string, EnginePortBinding[]>;
  PublishAllPorts?: boolean;
  AutoRemove?: boolean;
  RestartPolicy?: EngineRestartPolicy;
  NetworkMode?: string;
  Memory?: number;
  NanoCpus?: number;
  ExtraHosts?: string[];
  Init?: boolean | null;
  ReadonlyRootfs?: boolean;
  Privileged?: boolean;
  /** The CLI always sends these lists empty rather than null, and the daemon keeps what it is sent. */
  Dns?: string[];
  DnsOptions?: string[];
  DnsSearch?: string[];
  Devices?: unknown[];
  Ulimits?: unknown[];
  BlkioWeightDevice?: unknown[];
  BlkioDeviceReadBps?: unknown[];
  BlkioDeviceReadIOps?: unknown[];
  BlkioDeviceWriteBps?: unknown[];
  BlkioDeviceWriteIOps?: unknown[];
}

/** Body of `POST /containers/create`; `name` goes in the query string, not the body. */
export interface ContainerCreateOptions {
  name?: string;
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  HostConfig: ContainerCreateHostConfig;
  NetworkingConfig?: { EndpointsConfig: Record<string, Record<string, unknown>> };
}

/** What `runOptionsFromInspect` reads from `GET /containers/{id}/json`. */
export interface ContainerInspectInfo {
  Id: string;
  Name?: string;
  Config: {
    Image?: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Volumes?: Record<string, unknown> | null;
    Tty?: boolean;
    OpenStdin?: boolean;
    AttachStdin?: boolean;
    AttachStdout?: boolean;
    AttachStderr?: boolean;
    WorkingDir?: string;
    User?: string;
    Hostname?: string;
  };
  HostConfig: {
    Binds?: string[] | null;
    Mounts?: EngineMount[] | null;
    PortBindings?: Record<string, EnginePortBinding[] | null> | null;
    PublishAllPorts?: boolean;
    AutoRemove?: boolean;
    RestartPolicy?: EngineRestartPolicy | null;
    NetworkMode?: string;
    Memory?: number;
    NanoCpus?: number;
    ExtraHosts?: string[] | null;
    Init?: boolean | null;
    ReadonlyRootfs?: boolean;
    Privileged?: boolean;
  };
}

/** What `runOptionsFromInspect` reads from `GET /images/{id}/json`: the image's defaults. */
export interface ImageInspectInfo {
  Config?: {
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Volumes?: Record<string, unknown> | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, unknown> | null;
  } | null;
}
