/**
 * The host's check of every message from an inspect page. The page is treated as
 * untrusted (it renders engine data): a message is acted on only when its shape
 * is exact, it names the panel's own object, and what it asks for is on offer
 * now: an action valid in the current state, a link the current view shows, a
 * path that exists in the document. Pure, so it is unit-tested.
 */
import { CONTAINER_VERBS, ContainerVerb, InspectView, Link, linkKey, linksOf } from '../core/inspectSummary';
import { PathSegment, valueAt } from '../core/jsonPath';
import type { WebviewMessage } from './protocol';

export interface PanelFacts {
  /** the object the panel was opened for */
  objectId: string;
  /** the page has said `ready` */
  ready: boolean;
  /** the latest view; null before the engine has answered */
  view: InspectView | null;
  /** the object is gone: nothing can be done to it */
  removed: boolean;
}

export type Verdict = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

const MAX_PATH = 64;
const MAX_SEGMENT = 1024;

type Raw = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function hasOnlyKeys(o: Raw, keys: string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}

function isPath(v: unknown): v is PathSegment[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_PATH &&
    v.every((s) => (typeof s === 'string' && s.length <= MAX_SEGMENT) || (typeof s === 'number' && Number.isInteger(s) && s >= 0))
  );
}

function parseLink(v: unknown): Link | undefined {
  if (!isPlainObject(v)) return undefined;
  if (v.kind === 'url' && typeof v.url === 'string' && hasOnlyKeys(v, ['kind', 'url'])) return { kind: 'url', url: v.url };
  if ((v.kind === 'container' || v.kind === 'image') && typeof v.id === 'string' && hasOnlyKeys(v, ['kind', 'id'])) return { kind: v.kind, id: v.id };
  return undefined;
}

export function validateMessage(raw: unknown, facts: PanelFacts): Verdict {
  const reject = (reason: string): Verdict => ({ ok: false, reason });
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return reject('not a message');
  if (raw.type === 'ready') return hasOnlyKeys(raw, ['type']) ? { ok: true, message: { type: 'ready' } } : reject('unexpected fields');
  if (!facts.ready) return reject(`${raw.type} before ready`);
  if (raw.objectId !== facts.objectId) return reject(`${raw.type} for another object`);
  const view = facts.view;
  if (!view) return reject(`${raw.type} before the data`);

  switch (raw.type) {
    case 'action': {
      if (!hasOnlyKeys(raw, ['type', 'objectId', 'action'])) return reject('unexpected fields');
      const action = raw.action as ContainerVerb;
      if (!CONTAINER_VERBS.includes(action)) return reject(`unknown action ${String(raw.action)}`);
      if (view.kind !== 'container' || facts.removed || !view.actions.includes(action)) return reject(`${action} is not valid now`);
      return { ok: true, message: { type: 'action', objectId: facts.objectId, action } };
    }
    case 'copy': {
      if (!hasOnlyKeys(raw, ['type', 'objectId', 'what', 'path'])) return reject('unexpected fields');
      if (raw.what !== 'value' && raw.what !== 'path') return reject('copy what?');
      if (!isPath(raw.path)) return reject('not a path');
      if (valueAt(view.document, raw.path) === undefined) return reject('no such path in the document');
      return { ok: true, message: { type: 'copy', objectId: facts.objectId, what: raw.what, path: [...raw.path] } };
    }
    case 'open': {
      if (!hasOnlyKeys(raw, ['type', 'objectId', 'link'])) return reject('unexpected fields');
      const link = parseLink(raw.link);
      if (!link) return reject('not a link');
      if (!linksOf(view).has(linkKey(link))) return reject('a link the view does not show');
      return { ok: true, message: { type: 'open', objectId: facts.objectId, link } };
    }
    default:
      return reject(`unknown message ${raw.type}`);
  }
}
