/** Paths into a JSON document (an inspect answer): written the way jq reads them, and followed. */

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `.Config.Env[3]`, `.Config.Labels["com.docker.compose.project"]`; the root is `.`. */
export function formatJsonPath(path: readonly PathSegment[]): string {
  if (!path.length) return '.';
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('').replace(/^\[/, '.[');
}

/** The value at `path`, or undefined when the document has nothing there. */
export function valueAt(doc: unknown, path: readonly PathSegment[]): unknown {
  let current = doc;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (current !== null && typeof current === 'object' && !Array.isArray(current) && typeof segment === 'string' && Object.prototype.hasOwnProperty.call(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else return undefined;
  }
  return current;
}

/** What "copy value" puts on the clipboard: strings as they are, anything else as JSON. */
export function copyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
