/**
 * The shapes of the Engine API answers Docker Deck reads (only the fields it uses),
 * so that nothing outside src/docker/ depends on dockerode's types.
 */

export interface PortSummary {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export interface MountSummary {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}

/** One row of `GET /containers/json`. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: PortSummary[];
  Labels: Record<string, string> | null;
  State: string;
  Status: string;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string; GlobalIPv6Address?: string }> | null };
  Mounts?: MountSummary[];
}

/** One row of `GET /images/json`. */
export interface ImageSummary {
  Id: string;
  ParentId?: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  Labels: Record<string, string> | null;
  Containers?: number;
}

/** One message of `GET /events`. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  /** seconds */
  time: number;
  timeNano?: number;
  scope?: string;
}

/** The part of `GET /version` shown to users. */
export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  Os: string;
  Arch: string;
}

/** A container's display name: the first of its names, without the leading slash. */
export function containerName(c: Pick<ContainerSummary, 'Names' | 'Id'>): string {
  const name = c.Names?.[0];
  return name ? name.replace(/^\//, '') : c.Id.slice(0, 12);
}

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** One message of a pull or push progress stream. */
export interface ProgressMessage {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** One entry of `DELETE /images/{name}`'s answer. */
export interface ImageDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

/** `GET /containers/{id}/json`, the fields Docker Deck reads; the rest is kept as it came. */
export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  Path?: string;
  Args?: string[];
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    Dead: boolean;
    ExitCode: number;
    Error?: string;
    OOMKilled?: boolean;
    Pid?: number;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string; FailingStreak?: number; Log?: { Start: string; End: string; ExitCode: number; Output: string }[] };
  };
  Config: Record<string, unknown> & {
    Image: string;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
    Hostname?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    ExposedPorts?: Record<string, object> | null;
  };
  HostConfig: Record<string, unknown>;
  NetworkSettings: Record<string, unknown> & {
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; GlobalIPv6Address?: string; Gateway?: string; MacAddress?: string }> | null;
  };
  Mounts?: MountSummary[];
  [key: string]: unknown;
}

/** `GET /images/{id}/json`, the fields Docker Deck reads. */
export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created: string;
  Size: number;
  Architecture?: string;
  Os?: string;
  Config?: (Record<string, unknown> & {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object> | null;
    Volumes?: Record<string, object> | null;
  }) | null;
  [key: string]: unknown;
}

/** One entry of `GET /images/{id}/history`, newest first. */
export interface ImageHistoryItem {
  Id: string;
  /** seconds */
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** The `POST /containers/create` body plus `name`, as src/core/runOptions builds it. */
export interface ContainerCreateBody {
  name?: string;
  Image: string;
  [key: string]: unknown;
}
