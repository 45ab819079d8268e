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
