/**
 * The whole inspect document as a tree: collapsible, searchable, keyboard-driven.
 *
 * The document is indexed once into a flat array in depth-first order (a node's
 * descendants are the indexes up to its `end`). A search is one pass over
 * lowercase strings plus two passes that mark the ancestors and descendants of
 * matches; the rows on screen are then a list of indexes. Only the rows in view
 * exist in the DOM (one line each, at fixed heights), so typing a query or
 * expanding everything costs the same with 50 nodes or 5,000.
 */
import type { PathSegment, UiStrings } from '../../protocol';
import { el, format, icon, iconButton, setHighlighted } from './dom';
import { MASK, Secrets } from './secrets';

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

interface TreeNode {
  parent: number;
  depth: number;
  key: PathSegment;
  kind: Kind;
  /** index after the last descendant */
  end: number;
  /** number of children */
  size: number;
  /** 1-based position among its siblings */
  position: number;
  /** primitives: the value */
  value?: string | number | boolean | null;
  /** a string in an `Env` list whose name is secret */
  secretName?: string;
  /** the path as one string: the key of the user's expansion state */
  pathKey: string;
  /** lowercase key and shown value: what a search looks in */
  search: string;
}

/** A row element on screen, reused as the view scrolls. */
interface Row {
  el: HTMLElement;
  twisty: HTMLElement;
  key: HTMLElement;
  value: HTMLElement;
  summary: HTMLElement;
  node: number;
  /** what the row was last drawn as, to skip drawing it again */
  drawn: string;
}

export interface TreeDeps {
  strings: UiStrings;
  secrets: Secrets;
  copy(what: 'value' | 'path', path: PathSegment[]): void;
  /** the user expanded or collapsed something */
  onExpansionChange(): void;
  /** the height of what stays on top of the page while it scrolls (the toolbar) */
  topInset(): number;
}

const ROOT = -1;
/** rows drawn beyond each edge of the view */
const OVERSCAN = 10;
/** rows drawn when the tree is out of view */
const MIN_ROWS = 30;
const isContainer = (n: TreeNode) => n.kind === 'object' || n.kind === 'array';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' ? 'object' : t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
}

let treeCount = 0;

export class JsonTree {
  readonly element: HTMLElement;
  /** path keys of the nodes the user expanded */
  readonly expanded: Set<string>;
  private readonly rowsEl: HTMLElement;
  private readonly idPrefix = `tree${++treeCount}`;
  private rowHeight = 22;
  private nodes: TreeNode[] = [];
  private query = '';
  private match: Uint8Array | undefined;
  /** has a matching descendant */
  private below: Uint8Array | undefined;
  /** has a matching ancestor */
  private above: Uint8Array | undefined;
  private matches = 0;
  /** expand/collapse during a search, forgotten when the query changes */
  private readonly overrides = new Map<number, boolean>();
  /** node indexes of the rows, in order */
  private displayed: number[] = [];
  /** node index -> its place in `displayed` */
  private placeOf = new Map<number, number>();
  private rows = new Map<number, Row>();
  private spare: Row[] = [];
  private active = -1;
  private hovered = -1;
  private drawVersion = 0;
  private frame = 0;
  /** copy buttons, moved to the row under the pointer, or the current row */
  private readonly rowActions: HTMLElement;
  private rowActionsFor = -1;

  constructor(private readonly deps: TreeDeps, expanded: Iterable<string> = []) {
    this.expanded = new Set(expanded);
    this.rowsEl = el('div', { class: 'tree-rows' });
    this.element = el('div', { class: 'tree', attrs: { role: 'tree', tabindex: '0', 'aria-label': deps.strings.document } }, [this.rowsEl]);
    const copyValue = iconButton('copy', deps.strings.copyValue);
    const copyPath = iconButton('list-tree', deps.strings.copyPath);
    for (const b of [copyValue, copyPath]) b.tabIndex = -1;
    copyValue.addEventListener('click', (e) => this.copyFromActions(e, 'value'));
    copyPath.addEventListener('click', (e) => this.copyFromActions(e, 'path'));
    this.rowActions = el('span', { class: 'row-actions' }, [copyValue, copyPath]);
    this.element.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.element.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.element.addEventListener('mouseover', (e) => this.onHover(this.nodeAt(e.target)));
    this.element.addEventListener('mouseleave', () => this.onHover(-1));
    this.element.addEventListener('focus', () => this.onFocusChange());
    this.element.addEventListener('blur', () => this.onFocusChange());
    window.addEventListener('scroll', () => this.scheduleDraw(), { passive: true });
    window.addEventListener('resize', () => this.scheduleDraw());
    deps.secrets.watchAll((name) => this.onSecretToggled(name));
  }

  get matchCount(): number {
    return this.matches;
  }

  /** Shows a new document, keeping the query, what the user expanded and the current row. */
  setDocument(doc: unknown): void {
    const activePath = this.active >= 0 ? this.nodes[this.active]?.pathKey : undefined;
    this.rowHeight = Math.max(22, Math.ceil(parseFloat(getComputedStyle(this.element).fontSize || '13') * 1.7));
    this.element.style.setProperty('--row-height', `${this.rowHeight}px`);
    this.nodes = [];
    this.overrides.clear();
    for (const row of this.rows.values()) row.node = -1;
    this.index(doc);
    this.runSearch();
    this.layout();
    const again = activePath === undefined ? -1 : this.nodes.findIndex((n) => n.pathKey === activePath);
    this.setActive(this.placeOf.has(again) ? again : this.displayed[0] ?? -1, false);
  }

  /** Filters to the nodes whose key or value contains `query`, with their ancestors; returns the match count. */
  search(query: string): number {
    const q = query.trim().toLowerCase();
    if (q === this.query) return this.matches;
    this.query = q;
    this.overrides.clear();
    this.runSearch();
    this.layout();
    if (!this.placeOf.has(this.active)) this.setActive(this.firstMatch(), false);
    return this.matches;
  }

  expandAll(): void {
    this.overrides.clear();
    for (const n of this.nodes) if (isContainer(n) && n.size) this.expanded.add(n.pathKey);
    this.layout();
    this.deps.onExpansionChange();
  }

  collapseAll(): void {
    this.expanded.clear();
    this.overrides.clear();
    if (this.query) this.nodes.forEach((n, i) => isContainer(n) && this.overrides.set(i, false));
    this.layout();
    if (!this.placeOf.has(this.active)) this.setActive(this.displayed[0] ?? -1, false);
    this.deps.onExpansionChange();
  }

  /** Keyboard focus to the tree, on the first match (or the current row). */
  focus(): void {
    if (this.query && (this.active < 0 || !this.match?.[this.active])) this.setActive(this.firstMatch(), true);
    this.element.focus({ preventScroll: true });
    if (this.active >= 0) this.reveal(this.active);
  }

  pathOf(i: number): PathSegment[] {
    const path: PathSegment[] = [];
    for (let j = i; j !== ROOT; j = this.nodes[j].parent) path.push(this.nodes[j].key);
    return path.reverse();
  }

  // ---- the index --------------------------------------------------------

  private index(doc: unknown): void {
    const visit = (value: unknown, key: PathSegment, position: number, parent: number, depth: number, parentPath: string, inEnv: boolean) => {
      const i = this.nodes.length;
      const kind = kindOf(value);
      const node: TreeNode = { parent, depth, key, kind, end: 0, size: 0, position, pathKey: `${parentPath}\u0001${key}`, search: '' };
      this.nodes.push(node);
      if (kind === 'object') {
        const entries = Object.entries(value as Record<string, unknown>);
        node.size = entries.length;
        entries.forEach(([k, v], j) => visit(v, k, j + 1, i, depth + 1, node.pathKey, false));
      } else if (kind === 'array') {
        const list = value as unknown[];
        node.size = list.length;
        list.forEach((v, j) => visit(v, j, j + 1, i, depth + 1, node.pathKey, key === 'Env'));
      } else {
        node.value = (value ?? null) as TreeNode['value'];
        if (inEnv && typeof value === 'string') {
          const name = value.includes('=') ? value.slice(0, value.indexOf('=')) : value;
          if (this.deps.secrets.isSecret(name)) node.secretName = name;
        }
      }
      node.end = this.nodes.length;
      node.search = this.searchText(node);
    };
    if (doc !== null && typeof doc === 'object') {
      const entries = Array.isArray(doc) ? [...doc.entries()] : Object.entries(doc);
      entries.forEach(([k, v], j) => visit(v, k, j + 1, ROOT, 0, '', false));
    }
  }

  private topLevelCount(): number {
    let count = 0;
    for (let i = 0; i < this.nodes.length; i = this.nodes[i].end) count++;
    return count;
  }

  private masked(n: TreeNode): boolean {
    return n.secretName !== undefined && !this.deps.secrets.isShown(n.secretName);
  }

  /** What a primitive shows: strings quoted as JSON, secrets masked until revealed. */
  private valueText(n: TreeNode): string {
    if (this.masked(n)) return JSON.stringify(`${n.secretName}=${MASK}`);
    return n.kind === 'string' ? JSON.stringify(n.value) : String(n.value);
  }

  private searchText(n: TreeNode): string {
    return `${String(n.key)}\u0000${isContainer(n) ? '' : this.valueText(n)}`.toLowerCase();
  }

  private onSecretToggled(name: string): void {
    for (const n of this.nodes) if (n.secretName === name) n.search = this.searchText(n);
    this.runSearch();
    this.layout();
  }

  // ---- what is shown ------------------------------------------------------

  private runSearch(): void {
    const q = this.query;
    if (!q) {
      this.match = this.below = this.above = undefined;
      this.matches = 0;
      return;
    }
    const nodes = this.nodes;
    const n = nodes.length;
    const match = new Uint8Array(n);
    const below = new Uint8Array(n);
    const above = new Uint8Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (nodes[i].search.includes(q)) {
        match[i] = 1;
        count++;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      const p = nodes[i].parent;
      if (p !== ROOT && (match[i] || below[i])) below[p] = 1;
    }
    for (let i = 0; i < n; i++) {
      const p = nodes[i].parent;
      if (p !== ROOT && (match[p] || above[p])) above[i] = 1;
    }
    this.match = match;
    this.below = below;
    this.above = above;
    this.matches = count;
  }

  /** A match, or on the way to one, or inside one. */
  private isShown(i: number): boolean {
    return !this.match || this.match[i] === 1 || this.below![i] === 1 || this.above![i] === 1;
  }

  private isExpanded(i: number): boolean {
    const n = this.nodes[i];
    if (!isContainer(n) || !n.size) return false;
    if (!this.match) return this.expanded.has(n.pathKey);
    return this.overrides.get(i) ?? (this.below![i] === 1 || this.expanded.has(n.pathKey));
  }

  private firstMatch(): number {
    if (this.match) for (const i of this.displayed) if (this.match[i]) return i;
    return this.displayed[0] ?? -1;
  }

  /** Works out the rows (shown nodes under expanded parents) and draws the ones in view. */
  private layout(): void {
    const nodes = this.nodes;
    const displayed: number[] = [];
    const placeOf = new Map<number, number>();
    for (let i = 0; i < nodes.length; ) {
      if (!this.isShown(i)) {
        i = nodes[i].end;
        continue;
      }
      placeOf.set(i, displayed.length);
      displayed.push(i);
      i = this.isExpanded(i) ? i + 1 : nodes[i].end;
    }
    this.displayed = displayed;
    this.placeOf = placeOf;
    this.drawVersion++;
    this.rowsEl.style.height = `${displayed.length * this.rowHeight}px`;
    this.draw();
  }

  private scheduleDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Puts row elements on the rows in view (and a few around them); the rest do not exist. */
  private draw(): void {
    const top = this.rowsEl.getBoundingClientRect().top;
    const h = this.rowHeight;
    const total = this.displayed.length;
    let first = Math.floor(Math.max(0, -top) / h) - OVERSCAN;
    let last = Math.ceil((window.innerHeight - top) / h) + OVERSCAN;
    first = Math.max(0, Math.min(first, total - MIN_ROWS));
    last = Math.min(total, Math.max(last, first + MIN_ROWS));
    const keep = new Map<number, Row>();
    for (const [node, row] of this.rows) {
      const place = this.placeOf.get(node);
      if (place !== undefined && place >= first && place < last && row.node === node) keep.set(node, row);
      else this.spare.push(row);
    }
    const fresh = document.createDocumentFragment();
    for (let place = first; place < last; place++) {
      const node = this.displayed[place];
      let row = keep.get(node);
      if (!row) {
        row = this.spare.pop() ?? this.makeRow();
        if (!row.el.parentNode) fresh.append(row.el);
        keep.set(node, row);
      }
      this.drawRow(row, node, place);
    }
    for (const row of this.spare) {
      row.el.remove();
      row.node = -1;
    }
    this.spare = [];
    this.rowsEl.append(fresh);
    this.rows = keep;
    this.placeRowActions();
    this.updateActiveDescendant();
  }

  private makeRow(): Row {
    const twisty = el('span', { class: 'twisty' }, [icon('chevron-right')]);
    const key = el('span', { class: 'key' });
    const value = el('span');
    const summary = el('span', { class: 'summary' });
    const row = el('div', { class: 'row', attrs: { role: 'treeitem' } }, [twisty, key, el('span', { class: 'colon', text: ': ' }), value, summary]);
    return { el: row, twisty, key, value, summary, node: -1, drawn: '' };
  }

  private drawRow(row: Row, i: number, place: number): void {
    const e = row.el;
    e.style.transform = `translateY(${place * this.rowHeight}px)`;
    const n = this.nodes[i];
    const q = this.match?.[i] ? this.query : '';
    const expanded = this.isExpanded(i);
    const state = `${this.drawVersion}|${q}|${expanded}|${i === this.active}`;
    if (row.node === i && row.drawn === state) return;
    row.node = i;
    row.drawn = state;
    e.id = `${this.idPrefix}-${i}`;
    e.style.setProperty('--depth', String(n.depth));
    e.setAttribute('aria-level', String(n.depth + 1));
    e.setAttribute('aria-setsize', String(n.parent === ROOT ? this.topLevelCount() : this.nodes[n.parent].size));
    e.setAttribute('aria-posinset', String(n.position));
    e.classList.toggle('active', i === this.active);
    if (isContainer(n) && n.size) e.setAttribute('aria-expanded', String(expanded));
    else e.removeAttribute('aria-expanded');
    row.twisty.classList.toggle('leaf', !isContainer(n) || !n.size);
    row.key.className = typeof n.key === 'number' ? 'key index' : 'key';
    setHighlighted(row.key, String(n.key), q);
    if (isContainer(n)) {
      const [open, close] = n.kind === 'object' ? ['{', '}'] : ['[', ']'];
      row.value.className = 'brackets';
      row.value.textContent = n.size ? `${open}…${close}` : `${open}${close}`;
      row.summary.textContent = n.size ? format(n.kind === 'object' ? this.deps.strings.keys : this.deps.strings.items, n.size) : '';
      e.removeAttribute('title');
    } else {
      const text = this.valueText(n);
      const masked = this.masked(n);
      row.value.className = `json-${n.kind}${masked ? ' masked' : ''}`;
      setHighlighted(row.value, text, q);
      row.summary.textContent = '';
      // one line per row: the whole value is in the tooltip
      e.title = masked ? this.deps.strings.hiddenValue : text.length > 80 ? text : '';
    }
  }

  // ---- the user ----------------------------------------------------------

  private nodeAt(target: EventTarget | null): number {
    const row = (target as Element | null)?.closest?.('.row');
    if (!row) return -1;
    for (const [node, r] of this.rows) if (r.el === row) return node;
    return -1;
  }

  private setActive(i: number, scroll: boolean): void {
    this.active = i;
    this.drawVersion++;
    this.draw();
    if (scroll && i >= 0) this.reveal(i);
  }

  /** Scrolls the page so the row is in view, below the toolbar that stays on top. */
  private reveal(i: number): void {
    const place = this.placeOf.get(i);
    if (place === undefined) return;
    const rowTop = this.rowsEl.getBoundingClientRect().top + place * this.rowHeight;
    const inset = this.deps.topInset();
    if (rowTop < inset) window.scrollBy(0, rowTop - inset);
    else if (rowTop + this.rowHeight > window.innerHeight) window.scrollBy(0, rowTop + this.rowHeight - window.innerHeight);
    this.draw();
  }

  private updateActiveDescendant(): void {
    if (this.active >= 0 && this.rows.has(this.active)) this.element.setAttribute('aria-activedescendant', `${this.idPrefix}-${this.active}`);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private onFocusChange(): void {
    this.element.classList.toggle('focused', document.activeElement === this.element);
    this.placeRowActions();
  }

  private onHover(i: number): void {
    if (i === this.hovered) return;
    this.hovered = i;
    this.placeRowActions();
  }

  /** The copy buttons go to the hovered row, else the current row while the tree has focus. */
  private placeRowActions(): void {
    const target = this.hovered >= 0 && this.rows.has(this.hovered) ? this.hovered : document.activeElement === this.element ? this.active : -1;
    const row = this.rows.get(target);
    if (!row) {
      this.rowActions.remove();
      this.rowActionsFor = -1;
      return;
    }
    this.rowActionsFor = target;
    if (this.rowActions.parentNode !== row.el) row.el.append(this.rowActions);
  }

  private copyFromActions(e: Event, what: 'value' | 'path'): void {
    e.stopPropagation();
    if (this.rowActionsFor >= 0) this.deps.copy(what, this.pathOf(this.rowActionsFor));
  }

  private toggle(i: number): void {
    const n = this.nodes[i];
    if (!isContainer(n) || !n.size) return;
    const open = !this.isExpanded(i);
    if (this.match) this.overrides.set(i, open);
    if (open) this.expanded.add(n.pathKey);
    else this.expanded.delete(n.pathKey);
    this.layout();
    this.deps.onExpansionChange();
  }

  private onMouseDown(e: MouseEvent): void {
    if ((e.target as Element).closest('.row-actions')) return;
    const i = this.nodeAt(e.target);
    if (i < 0 || e.button !== 0) return;
    e.preventDefault(); // keep the focus on the tree, not on the row
    this.element.focus({ preventScroll: true });
    this.setActive(i, false);
    this.toggle(i);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const i = this.active;
    if (i < 0) return;
    const n = this.nodes[i];
    const place = this.placeOf.get(i) ?? 0;
    const go = (to: number) => this.setActive(this.displayed[Math.max(0, Math.min(this.displayed.length - 1, to))], true);
    const page = Math.max(1, Math.floor((window.innerHeight - this.deps.topInset()) / this.rowHeight) - 1);
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && e.key.toLowerCase() === 'c') this.deps.copy(e.shiftKey ? 'path' : 'value', this.pathOf(i));
    else if (mod || e.altKey) return;
    else if (e.key === 'ArrowDown') go(place + 1);
    else if (e.key === 'ArrowUp') go(place - 1);
    else if (e.key === 'PageDown') go(place + page);
    else if (e.key === 'PageUp') go(place - page);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(this.displayed.length - 1);
    else if (e.key === 'ArrowRight') {
      if (isContainer(n) && n.size && !this.isExpanded(i)) this.toggle(i);
      else if (isContainer(n) && n.size) go(place + 1);
    } else if (e.key === 'ArrowLeft') {
      if (this.isExpanded(i)) this.toggle(i);
      else if (n.parent !== ROOT) this.setActive(n.parent, true);
    } else if (e.key === 'Enter' || e.key === ' ') this.toggle(i);
    else return;
    e.preventDefault();
  }
}
