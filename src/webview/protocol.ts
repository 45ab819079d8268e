/**
 * The messages between the inspect panel (host) and its page (webview), shared by
 * both sides. The page says `ready` first and gets nothing before; every request
 * it makes names the panel's own object, and the host checks each one
 * (see validateMessage.ts) before it does anything.
 */
import type { ContainerVerb, InspectView, Link } from '../core/inspectSummary';
import type { PathSegment } from '../core/jsonPath';

export type { ContainerVerb, Field, InspectView, Link, Section, StateBadge, Table, Value } from '../core/inspectSummary';
export type { PathSegment } from '../core/jsonPath';

/** The page's own words, localized by the host (the webview cannot call vscode.l10n). */
export type UiStringKey =
  | 'loading'
  | 'actions'
  | 'start'
  | 'stop'
  | 'restart'
  | 'pause'
  | 'unpause'
  | 'remove'
  | 'document'
  | 'documentHelp'
  | 'search'
  | 'clearSearch'
  | 'matches'
  | 'oneMatch'
  | 'noMatches'
  | 'expandAll'
  | 'collapseAll'
  | 'copyAll'
  | 'copyValue'
  | 'copyPath'
  | 'keys'
  | 'items'
  | 'showValue'
  | 'hideValue'
  | 'hiddenValue'
  | 'openLink'
  | 'inspectContainer'
  | 'inspectImage'
  | 'showAll';
export type UiStrings = Record<UiStringKey, string>;

/** How the object stands: there, gone, or out of reach (the page keeps the last data it had). */
export type PanelStatus = { kind: 'live' } | { kind: 'removed'; message: string } | { kind: 'unreachable'; message: string };

export type HostMessage =
  /** the answer to `ready`: the strings, and the data when the engine has answered */
  | { type: 'init'; strings: UiStrings; view: InspectView | null; status: PanelStatus; pending: ContainerVerb | null }
  | { type: 'view'; view: InspectView }
  | { type: 'status'; status: PanelStatus; pending: ContainerVerb | null };

export type CopyWhat = 'value' | 'path';

export type WebviewMessage =
  | { type: 'ready' }
  /** a lifecycle action on the panel's container */
  | { type: 'action'; objectId: string; action: ContainerVerb }
  /** the value at `path` (the whole document for `[]`), or the path itself, to the clipboard */
  | { type: 'copy'; objectId: string; what: CopyWhat; path: PathSegment[] }
  /** a link the view shows: a published port, the image, a container of the image */
  | { type: 'open'; objectId: string; link: Link };
