/**
 * The inspect page: a header with the state and the lifecycle actions, the
 * summary, and the whole document below, searchable. It draws what the host sends
 * and asks the host for everything else (actions, links, the clipboard).
 */
import type { ContainerVerb, HostMessage, InspectView, Link, PanelStatus, PathSegment, UiStrings, WebviewMessage } from '../../protocol';
import { el, format, icon, IconName, iconButton } from './dom';
import { JsonTree } from './jsonTree';
import { Secrets } from './secrets';
import { renderSections, renderValue } from './summary';
import type { VsCodeApi } from './vscodeApi';

/** What the page keeps while it is hidden and shown again (not secrets: those are masked again). */
export interface SavedState {
  query: string;
  expanded: string[];
  closed: string[];
}

/** The action buttons, in this order. */
const VERB_ICONS: Record<ContainerVerb, IconName> = {
  start: 'debug-start',
  stop: 'debug-stop',
  restart: 'debug-restart',
  pause: 'debug-pause',
  unpause: 'debug-continue',
  remove: 'trash',
};

interface Shell {
  dot: HTMLElement;
  title: HTMLElement;
  badge: HTMLElement;
  subtitle: HTMLElement;
  actions: HTMLElement;
  buttons: Map<ContainerVerb, HTMLButtonElement>;
  banner: HTMLElement;
  bannerText: HTMLElement;
  bannerIcon: HTMLElement;
  sections: HTMLElement;
  documentSection: HTMLElement;
  search: HTMLInputElement;
  clear: HTMLButtonElement;
  count: HTMLElement;
  tree: JsonTree;
}

export class InspectApp {
  private strings: UiStrings | undefined;
  private shell: Shell | undefined;
  private view: InspectView | null = null;
  private status: PanelStatus = { kind: 'live' };
  private pending: ContainerVerb | null = null;
  private readonly secrets = new Secrets();
  private readonly showsAll = new Set<string>();
  private readonly saved: SavedState;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi<SavedState>,
  ) {
    const s = api.getState();
    this.saved = { query: s?.query ?? '', expanded: s?.expanded ?? [], closed: s?.closed ?? [] };
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
  }

  receive(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.strings = message.strings;
        this.shell = this.buildShell(message.strings);
        this.status = message.status;
        this.pending = message.pending;
        if (message.view) this.showView(message.view);
        this.showStatus();
        return;
      case 'view':
        if (this.shell) this.showView(message.view);
        return;
      case 'status':
        this.status = message.status;
        this.pending = message.pending;
        if (this.shell) this.showStatus();
        return;
    }
  }

  private post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  private buildShell(s: UiStrings): Shell {
    const dot = el('span', { class: 'state-dot', attrs: { 'aria-hidden': 'true' } });
    const title = el('h1', { class: 'title' });
    const badge = el('span', { class: 'badge' });
    const subtitle = el('div', { class: 'subtitle' });
    const buttons = new Map<ContainerVerb, HTMLButtonElement>();
    const actions = el('div', { class: 'actions', attrs: { role: 'toolbar', 'aria-label': s.actions } });
    for (const verb of Object.keys(VERB_ICONS) as ContainerVerb[]) {
      const b = iconButton(VERB_ICONS[verb], s[verb], s[verb], `action action-${verb}`);
      b.hidden = true;
      b.addEventListener('click', () => this.view && this.post({ type: 'action', objectId: this.view.id, action: verb }));
      buttons.set(verb, b);
      actions.append(b);
    }
    const header = el('header', { class: 'header' }, [el('div', { class: 'title-line' }, [dot, title, badge]), subtitle, actions]);
    const bannerIcon = el('span');
    const bannerText = el('span', { class: 'banner-text' });
    const banner = el('div', { class: 'banner', attrs: { role: 'status' } }, [bannerIcon, bannerText]);
    banner.hidden = true;
    const sections = el('div', { class: 'sections' }, [el('p', { class: 'loading', text: s.loading })]);

    let toolbar: HTMLElement | undefined;
    const tree = new JsonTree(
      {
        strings: s,
        secrets: this.secrets,
        copy: (what, path) => this.copy(what, path),
        onExpansionChange: () => this.save(),
        topInset: () => toolbar?.getBoundingClientRect().height ?? 0,
      },
      this.saved.expanded,
    );
    const search = el('input', { class: 'search-input', attrs: { type: 'text', placeholder: s.search, 'aria-label': s.search, spellcheck: 'false' } });
    search.value = this.saved.query;
    const clear = iconButton('close', s.clearSearch);
    const count = el('span', { class: 'match-count', attrs: { 'aria-live': 'polite' } });
    search.addEventListener('input', () => this.search(search.value));
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && search.value) {
        search.value = '';
        this.search('');
      } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
        tree.focus();
      } else return;
      e.preventDefault();
    });
    clear.addEventListener('click', () => {
      search.value = '';
      this.search('');
      search.focus();
    });
    const expandAll = iconButton('expand-all', s.expandAll);
    const collapseAll = iconButton('collapse-all', s.collapseAll);
    const copyAll = iconButton('copy', s.copyAll, s.copyAll, 'text-button');
    expandAll.addEventListener('click', () => tree.expandAll());
    collapseAll.addEventListener('click', () => tree.collapseAll());
    copyAll.addEventListener('click', () => this.copy('value', []));
    toolbar = el('div', { class: 'doc-toolbar' }, [
      el('h2', { text: s.document }),
      el('div', { class: 'search' }, [icon('search'), search, count, clear]),
      el('div', { class: 'doc-buttons' }, [expandAll, collapseAll, copyAll]),
    ]);
    const documentSection = el('section', { class: 'document', attrs: { 'aria-label': s.document } }, [toolbar, el('p', { class: 'help', text: s.documentHelp }), tree.element]);

    this.root.replaceChildren(header, banner, sections, documentSection);
    return { dot, title, badge, subtitle, actions, buttons, banner, bannerText, bannerIcon, sections, documentSection, search, clear, count, tree };
  }

  private showView(view: InspectView): void {
    const shell = this.shell!;
    const scroll = window.scrollY;
    this.view = view;
    this.secrets.setNames(view.secretKeys);
    this.secrets.clearWatchers();

    shell.title.textContent = view.title;
    shell.dot.className = `state-dot${view.state ? ` look-${view.state.look}` : ''}`;
    shell.dot.hidden = !view.state;
    shell.badge.textContent = view.state?.label ?? '';
    shell.badge.hidden = !view.state;
    const deps = {
      strings: this.strings!,
      secrets: this.secrets,
      open: (link: Link) => this.post({ type: 'open', objectId: view.id, link }),
      showsAll: this.showsAll,
      isClosed: (id: string) => this.saved.closed.includes(id),
      setClosed: (id: string, closed: boolean) => {
        this.saved.closed = this.saved.closed.filter((c) => c !== id).concat(closed ? [id] : []);
        this.save();
      },
    };
    const subtitle: Node[] = [];
    if (view.state) subtitle.push(el('span', { class: 'state-detail', text: view.state.detail }));
    for (const v of view.subtitle) subtitle.push(renderValue(v, deps));
    shell.subtitle.replaceChildren(...subtitle);
    shell.sections.replaceChildren(...renderSections(view, deps));
    shell.tree.setDocument(view.document);
    this.search(shell.search.value);
    this.showStatus();
    window.scrollTo(0, scroll);
    this.root.removeAttribute('aria-busy');
  }

  private showStatus(): void {
    const shell = this.shell!;
    const gone = this.status.kind === 'removed';
    this.root.classList.toggle('removed', gone);
    shell.banner.hidden = this.status.kind === 'live';
    if (this.status.kind !== 'live') {
      shell.bannerText.textContent = this.status.message;
      shell.banner.className = `banner banner-${this.status.kind}`;
      shell.bannerIcon.replaceWith((shell.bannerIcon = icon(gone ? 'info' : 'warning')));
    }
    shell.actions.hidden = this.view?.kind !== 'container' || gone;
    for (const [verb, b] of shell.buttons) {
      b.hidden = !this.view?.actions.includes(verb);
      b.disabled = gone || this.pending !== null;
      b.classList.toggle('busy', this.pending === verb);
      if (this.pending === verb) b.setAttribute('aria-busy', 'true');
      else b.removeAttribute('aria-busy');
    }
    if (!this.view && this.status.kind !== 'live') shell.sections.replaceChildren();
  }

  private search(query: string): void {
    const shell = this.shell!;
    const s = this.strings!;
    const n = shell.tree.search(query);
    const q = query.trim();
    shell.count.textContent = !q ? '' : n === 0 ? s.noMatches : n === 1 ? s.oneMatch : format(s.matches, n);
    shell.count.classList.toggle('none', !!q && n === 0);
    shell.clear.hidden = !query;
    if (q && document.activeElement === shell.search) this.bringDocumentUp();
    if (this.saved.query !== query) {
      this.saved.query = query;
      this.save();
    }
  }

  /** Scrolls the document's toolbar to the top of the page, unless it is in view already. */
  private bringDocumentUp(): void {
    const top = this.shell!.documentSection.getBoundingClientRect().top;
    if (top > window.innerHeight * 0.4) this.shell!.documentSection.scrollIntoView({ block: 'start' });
  }

  private copy(what: 'value' | 'path', path: PathSegment[]): void {
    if (this.view) this.post({ type: 'copy', objectId: this.view.id, what, path });
  }

  private save(): void {
    if (!this.shell) return;
    this.api.setState({ query: this.saved.query, expanded: [...this.shell.tree.expanded], closed: this.saved.closed });
  }

  /** Ctrl+F (or /) goes to the search box. */
  private onGlobalKey(e: KeyboardEvent): void {
    if (!this.shell) return;
    const typing = e.target instanceof HTMLInputElement;
    const find = ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') || (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey);
    if (!find) return;
    e.preventDefault();
    this.bringDocumentUp();
    this.shell.search.focus({ preventScroll: true });
    this.shell.search.select();
  }
}
