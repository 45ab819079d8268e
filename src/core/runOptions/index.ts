/**
 * `docker run` options: parse a pasted command line, validate each field,
 * convert to an Engine API create body or back to a command line, and
 * rebuild them from an existing container. Pure: no editor, no engine, no I/O.
 */
export {
  emptyRunOptions, RunOptionsError,
  type RunOptions, type RunOptionError, type RunOptionField, type BooleanOption, type StringOption, type ListOption,
} from './types';
export { parseDockerRunCommand, type ParsedRunCommand } from './parse';
export {
  validateRunOptions,
  validateImage, validateName, validateHostname, validateNetwork, validateWorkdir, validateUser,
  validateEnvSpec, validateLabelSpec, validatePortSpec, validateVolumeSpec, validateMountSpec,
  validateRestartPolicy, validateMemory, validateCpus, validateAddHost, validateEnvFilePath,
} from './validate';
export { toContainerCreateOptions, type CreateContext } from './createOptions';
export { parseEnvFile, EnvFileError, type Environment } from './envLabels';
export { toDockerArgs, toDockerRunCommand } from './commandLine';
export { runOptionsFromInspect } from './fromInspect';
export { DOCKER_RUN_FLAGS, type DockerFlag } from './flags';
export { splitShellWords, quoteShellWord } from './shellWords';
export type {
  ContainerCreateOptions, ContainerCreateHostConfig, EngineMount, EnginePortBinding, EngineRestartPolicy,
  ContainerInspectInfo, ImageInspectInfo,
} from './engineTypes';
