import * as l10n from '@vscode/l10n';
import { parseGoBool, parseRamInBytes, readCsvRecord } from './goSyntax';
import type { EngineMount } from './engineTypes';
import type { Parsed } from './types';
import { checkVolumeName, cleanPath, PROPAGATION_MODES } from './volumes';

const MOUNT_TYPES = ['bind', 'volume', 'tmpfs'];

/**
 * Parses a `--mount` value into the Engine API Mount the docker CLI sends
 * (docker/cli opts.MountOpt): CSV fields, keys case-insensitive, `type`
 * defaulting to volume. Then applies the daemon's checks for each type.
 */
export function parseMountSpec(spec: string): Parsed<EngineMount> {
  const fields = readCsvRecord(spec);
  if (!fields.ok) return { ok: false, error: l10n.t('Invalid mount "{0}": {1}', spec, fields.error) };
  const mount: EngineMount = { Type: 'volume' };
  for (const field of fields.value) {
    const problem = applyField(mount, field);
    if (problem) return { ok: false, error: l10n.t('Invalid mount "{0}": {1}', spec, problem) };
  }
  const problem = checkMount(mount);
  return problem ? { ok: false, error: l10n.t('Invalid mount "{0}": {1}', spec, problem) } : { ok: true, value: mount };
}

/** Applies one `key[=value]` field; returns what is wrong with it, if anything. */
function applyField(mount: EngineMount, field: string): string | undefined {
  const eq = field.indexOf('=');
  const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
  if (eq < 0) return applySwitch(mount, key, field);
  const value = field.slice(eq + 1);
  const invalidValue = l10n.t('invalid value for {0}: {1}', key, value);
  const bool = (): boolean | undefined => parseGoBool(value);
  switch (key) {
    case 'type':
      mount.Type = value.toLowerCase();
      return undefined;
    case 'source':
    case 'src':
      if (value === '') delete mount.Source;
      else mount.Source = value;
      return undefined;
    case 'target':
    case 'dst':
    case 'destination':
      mount.Target = value;
      return undefined;
    case 'readonly':
    case 'ro': {
      const readOnly = bool();
      if (readOnly === undefined) return invalidValue;
      setFlag(mount, 'ReadOnly', readOnly);
      return undefined;
    }
    case 'consistency':
      mount.Consistency = value.toLowerCase();
      return undefined;
    case 'bind-propagation':
      bindOptions(mount).Propagation = value.toLowerCase();
      return undefined;
    case 'bind-nonrecursive': {
      const nonRecursive = bool();
      if (nonRecursive === undefined) return invalidValue;
      setFlag(bindOptions(mount), 'NonRecursive', nonRecursive);
      return undefined;
    }
    case 'bind-recursive':
      return applyBindRecursive(mount, value);
    case 'volume-subpath':
      volumeOptions(mount).Subpath = value;
      return undefined;
    case 'volume-nocopy': {
      const noCopy = bool();
      if (noCopy === undefined) return invalidValue;
      setFlag(volumeOptions(mount), 'NoCopy', noCopy);
      return undefined;
    }
    case 'volume-label':
      setKeyValue((volumeOptions(mount).Labels ??= {}), value);
      return undefined;
    case 'volume-driver':
      driverConfig(mount).Name = value;
      return undefined;
    case 'volume-opt':
      setKeyValue((driverConfig(mount).Options ??= {}), value);
      return undefined;
    case 'image-subpath':
      return l10n.t('image-subpath is for image mounts, which are not supported: use bind, volume or tmpfs.');
    case 'tmpfs-size': {
      const size = parseRamInBytes(value);
      if (!size.ok) return invalidValue;
      setNumber((mount.TmpfsOptions ??= {}), 'SizeBytes', size.value);
      return undefined;
    }
    case 'tmpfs-mode': {
      if (!/^[0-7]+$/.test(value) || parseInt(value, 8) > 0xffffffff) return invalidValue;
      setNumber((mount.TmpfsOptions ??= {}), 'Mode', parseInt(value, 8));
      return undefined;
    }
    default:
      return l10n.t("unexpected key '{0}' in '{1}'", key, field);
  }
}

function applySwitch(mount: EngineMount, key: string, field: string): string | undefined {
  switch (key) {
    case 'readonly':
    case 'ro':
      mount.ReadOnly = true;
      return undefined;
    case 'volume-nocopy':
      volumeOptions(mount).NoCopy = true;
      return undefined;
    case 'bind-nonrecursive':
      bindOptions(mount).NonRecursive = true;
      return undefined;
    default:
      return l10n.t("invalid field '{0}' must be a key=value pair", field);
  }
}

function applyBindRecursive(mount: EngineMount, value: string): string | undefined {
  switch (value) {
    case 'enabled':
      return undefined;
    case 'disabled':
      bindOptions(mount).NonRecursive = true;
      return undefined;
    case 'writable':
      bindOptions(mount).ReadOnlyNonRecursive = true;
      return undefined;
    case 'readonly':
      bindOptions(mount).ReadOnlyForceRecursive = true;
      return undefined;
    default:
      return l10n.t('invalid value for bind-recursive: {0} (must be "enabled", "disabled", "writable", or "readonly")', value);
  }
}

/** The CLI's own checks after reading every field, then the daemon's for the type. */
function checkMount(mount: EngineMount): string | undefined {
  if (mount.Type === '') return l10n.t('type is required');
  if (!mount.Target) return l10n.t('target is required');
  for (const [options, prefix, type] of [
    [mount.VolumeOptions, 'volume', 'volume'],
    [mount.BindOptions, 'bind', 'bind'],
    [mount.TmpfsOptions, 'tmpfs', 'tmpfs'],
  ] as const) {
    if (options && mount.Type !== type) return l10n.t("cannot mix '{0}-*' options with mount type '{1}'", prefix, mount.Type);
  }
  const bind = mount.BindOptions;
  if (bind?.ReadOnlyNonRecursive && !mount.ReadOnly) {
    return l10n.t("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  }
  if (bind?.ReadOnlyForceRecursive && !mount.ReadOnly) {
    return l10n.t("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
  }
  if (bind?.ReadOnlyForceRecursive && bind.Propagation !== 'rprivate') {
    return l10n.t("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  }
  return checkForEngine(mount);
}

function checkForEngine(mount: EngineMount): string | undefined {
  if (!MOUNT_TYPES.includes(mount.Type)) {
    return l10n.t('mount type "{0}" is not supported: use bind, volume or tmpfs.', mount.Type);
  }
  const target = mount.Target ?? '';
  if (!target.startsWith('/')) return l10n.t('the target {0} must be an absolute path.', target);
  if (cleanPath(target) === '/') return l10n.t("the target can't be '/'.");
  const source = mount.Source;
  if (mount.Type === 'bind') {
    if (!source) return l10n.t('a bind mount needs a source (an absolute host path).');
    if (!source.startsWith('/')) return l10n.t('the bind source {0} must be an absolute host path.', source);
    const propagation = mount.BindOptions?.Propagation;
    if (propagation && !PROPAGATION_MODES.includes(propagation)) {
      return l10n.t('invalid bind-propagation {0}: expected one of {1}.', propagation, PROPAGATION_MODES.join(', '));
    }
  }
  if (mount.Type === 'volume' && source) return checkVolumeName(source);
  if (mount.Type === 'tmpfs' && source) return l10n.t('a tmpfs mount takes no source.');
  return undefined;
}

/** The CLI creates these on first use, so an option given as false still sends an (empty) options object. */
function bindOptions(mount: EngineMount): NonNullable<EngineMount['BindOptions']> {
  return (mount.BindOptions ??= {});
}

function volumeOptions(mount: EngineMount): NonNullable<EngineMount['VolumeOptions']> {
  return (mount.VolumeOptions ??= { DriverConfig: {} });
}

function driverConfig(mount: EngineMount): NonNullable<NonNullable<EngineMount['VolumeOptions']>['DriverConfig']> {
  return (volumeOptions(mount).DriverConfig ??= {});
}

/** Go marshals false and 0 with omitempty as absent. */
function setFlag<T extends object, K extends keyof T>(target: T, key: K, value: boolean): void {
  if (value) target[key] = true as T[K];
  else delete target[key];
}

function setNumber<T extends object, K extends keyof T>(target: T, key: K, value: number): void {
  if (value) target[key] = value as T[K];
  else delete target[key];
}

function setKeyValue(target: Record<string, string>, text: string): void {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  if (key !== '') target[key] = eq < 0 ? '' : text.slice(eq + 1);
}

/** Writes an Engine API Mount (from inspect) back as a `--mount` value. */
export function formatMount(mount: EngineMount): string {
  const fields = [`type=${mount.Type}`];
  if (mount.Source) fields.push(`source=${mount.Source}`);
  fields.push(`target=${mount.Target ?? ''}`);
  if (mount.ReadOnly) fields.push('readonly');
  if (mount.Consistency) fields.push(`consistency=${mount.Consistency}`);
  const bind = mount.BindOptions;
  if (bind?.Propagation) fields.push(`bind-propagation=${bind.Propagation}`);
  if (bind?.NonRecursive) fields.push('bind-nonrecursive');
  if (bind?.ReadOnlyNonRecursive) fields.push('bind-recursive=writable');
  if (bind?.ReadOnlyForceRecursive) fields.push('bind-recursive=readonly');
  const volume = mount.VolumeOptions;
  if (volume?.NoCopy) fields.push('volume-nocopy');
  if (volume?.Subpath) fields.push(`volume-subpath=${volume.Subpath}`);
  for (const [key, value] of Object.entries(volume?.Labels ?? {})) fields.push(`volume-label=${key}=${value}`);
  if (volume?.DriverConfig?.Name) fields.push(`volume-driver=${volume.DriverConfig.Name}`);
  for (const [key, value] of Object.entries(volume?.DriverConfig?.Options ?? {})) fields.push(`volume-opt=${key}=${value}`);
  const tmpfs = mount.TmpfsOptions;
  if (tmpfs?.SizeBytes) fields.push(`tmpfs-size=${tmpfs.SizeBytes}`);
  if (tmpfs?.Mode) fields.push(`tmpfs-mode=${tmpfs.Mode.toString(8)}`);
  return fields.map(csvQuote).join(',');
}

function csvQuote(field: string): string {
  return /[",\r\n]/.test(field) || field.startsWith(' ') ? `"${field.replace(/"/g, '""')}"` : field;
}
