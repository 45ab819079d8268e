/**
 * The fields of the run composer: each `docker run` option with its flags as
 * the CLI spells them, what it does, and an example, in the groups the options
 * screen shows.
 */
import * as vscode from 'vscode';
import type { BooleanOption, ListOption, StringOption } from '../core/runOptions';

interface FieldBase {
  /** as `docker run --help` writes them */
  flags: string;
  help(): string;
}

export type Field =
  | (FieldBase & { kind: 'boolean'; key: BooleanOption })
  | (FieldBase & { kind: 'string'; key: StringOption | 'image'; example: string })
  | (FieldBase & { kind: 'list'; key: ListOption; example: string; addLabel(): string })
  | (FieldBase & { kind: 'command'; key: 'command'; example: string });

export type FieldKey = Field['key'];

export interface FieldGroup {
  label(): string;
  fields: Field[];
}

export const FIELD_GROUPS: readonly FieldGroup[] = [
  {
    label: () => vscode.l10n.t('Container'),
    fields: [
      { kind: 'string', key: 'image', flags: 'IMAGE', example: 'nginx:1.27', help: () => vscode.l10n.t('The image: a local one, or any reference (pulled when it is not here)') },
      { kind: 'string', key: 'name', flags: '--name', example: 'web', help: () => vscode.l10n.t('Assign a name to the container') },
      { kind: 'command', key: 'command', flags: 'COMMAND [ARG...]', example: `sh -c 'echo hello'`, help: () => vscode.l10n.t('The command and its arguments, quoted as in a POSIX shell; empty runs the image default') },
    ],
  },
  {
    label: () => vscode.l10n.t('How it runs'),
    fields: [
      { kind: 'boolean', key: 'detach', flags: '-d, --detach', help: () => vscode.l10n.t('Run in the background; the new container is selected in the tree') },
      { kind: 'boolean', key: 'interactive', flags: '-i, --interactive', help: () => vscode.l10n.t('Keep STDIN open: what you type in the terminal reaches the container') },
      { kind: 'boolean', key: 'tty', flags: '-t, --tty', help: () => vscode.l10n.t('Allocate a pseudo-TTY (with -i: an interactive shell)') },
      { kind: 'boolean', key: 'rm', flags: '--rm', help: () => vscode.l10n.t('Remove the container when it exits') },
      { kind: 'string', key: 'restart', flags: '--restart', example: 'unless-stopped', help: () => vscode.l10n.t('Restart policy: no, always, unless-stopped or on-failure[:max-retries]') },
      { kind: 'boolean', key: 'init', flags: '--init', help: () => vscode.l10n.t('Run an init inside the container that forwards signals and reaps processes') },
    ],
  },
  {
    label: () => vscode.l10n.t('Network'),
    fields: [
      { kind: 'list', key: 'publish', flags: '-p, --publish', example: '127.0.0.1:8080:80', addLabel: () => vscode.l10n.t('Add a port mapping...'), help: () => vscode.l10n.t('Publish a container port on the host: [host-ip:][host-port:]container-port[/protocol]') },
      { kind: 'boolean', key: 'publishAll', flags: '-P, --publish-all', help: () => vscode.l10n.t('Publish all exposed ports to random host ports') },
      { kind: 'string', key: 'network', flags: '--network', example: 'bridge', help: () => vscode.l10n.t('Connect to a network: bridge, host, none, container:NAME or a network name') },
      { kind: 'string', key: 'hostname', flags: '-h, --hostname', example: 'web.local', help: () => vscode.l10n.t('The host name inside the container') },
      { kind: 'list', key: 'addHosts', flags: '--add-host', example: 'db:10.0.0.5', addLabel: () => vscode.l10n.t('Add a host entry...'), help: () => vscode.l10n.t('Add a line to /etc/hosts: host:ip, or host:host-gateway') },
    ],
  },
  {
    label: () => vscode.l10n.t('Storage'),
    fields: [
      { kind: 'list', key: 'volumes', flags: '-v, --volume', example: '/home/me/data:/data:ro', addLabel: () => vscode.l10n.t('Add a volume...'), help: () => vscode.l10n.t('Bind mount or volume: /absolute/host/path:/container/path[:ro], name:/path, or /path') },
      { kind: 'list', key: 'mounts', flags: '--mount', example: 'type=bind,source=/home/me/data,target=/data,readonly', addLabel: () => vscode.l10n.t('Add a mount...'), help: () => vscode.l10n.t('Attach a filesystem mount: type=bind|volume|tmpfs,source=...,target=...[,readonly]') },
      { kind: 'boolean', key: 'readOnly', flags: '--read-only', help: () => vscode.l10n.t("Mount the container's root filesystem read only") },
      { kind: 'string', key: 'workdir', flags: '-w, --workdir', example: '/app', help: () => vscode.l10n.t('Working directory inside the container (an absolute path)') },
    ],
  },
  {
    label: () => vscode.l10n.t('Environment'),
    fields: [
      { kind: 'list', key: 'env', flags: '-e, --env', example: 'KEY=value', addLabel: () => vscode.l10n.t('Add an environment variable...'), help: () => vscode.l10n.t("Set a variable: KEY=value; a bare KEY passes the value the VS Code extension host has (its process.env), not a terminal's") },
      { kind: 'list', key: 'envFiles', flags: '--env-file', example: '.env', addLabel: () => vscode.l10n.t('Add an env file...'), help: () => vscode.l10n.t('Read variables from a file (relative to the workspace folder); a bare KEY line takes the extension host value') },
      { kind: 'list', key: 'labels', flags: '-l, --label', example: 'com.example.team=web', addLabel: () => vscode.l10n.t('Add a label...'), help: () => vscode.l10n.t('Set a label: key=value') },
      { kind: 'string', key: 'user', flags: '-u, --user', example: '1000:1000', help: () => vscode.l10n.t('The user to run as: name|uid[:group|gid]') },
    ],
  },
  {
    label: () => vscode.l10n.t('Process and resources'),
    fields: [
      { kind: 'string', key: 'entrypoint', flags: '--entrypoint', example: '/bin/sh', help: () => vscode.l10n.t("Override the image's default ENTRYPOINT") },
      { kind: 'string', key: 'memory', flags: '-m, --memory', example: '512m', help: () => vscode.l10n.t('Memory limit, e.g. 512m or 2g') },
      { kind: 'string', key: 'cpus', flags: '--cpus', example: '1.5', help: () => vscode.l10n.t('Number of CPUs, e.g. 1.5') },
      { kind: 'boolean', key: 'privileged', flags: '--privileged', help: () => vscode.l10n.t('Give extended privileges to this container') },
    ],
  },
];
