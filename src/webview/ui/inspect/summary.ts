/** The summary part of the page: sections of labelled values and tables, from the host's model. */
import type { InspectView, Link, Section, UiStrings, Value } from '../../protocol';
import { el, format, icon, iconButton } from './dom';
import { MASK, Secrets } from './secrets';

/** Long tables (a thousand environment variables) show this many rows until asked for all. */
const FIRST_ROWS = 100;

export interface SummaryDeps {
  strings: UiStrings;
  secrets: Secrets;
  open(link: Link): void;
  /** sections the user closed stay closed while the page lives */
  isClosed(sectionId: string): boolean;
  setClosed(sectionId: string, closed: boolean): void;
  /** long tables the user asked to see whole stay whole when the data changes */
  showsAll: Set<string>;
}

export function renderSections(view: InspectView, deps: SummaryDeps): HTMLElement[] {
  return view.sections.map((s) => renderSection(s, deps));
}

function renderSection(section: Section, deps: SummaryDeps): HTMLElement {
  const heading = el('h2', { text: section.title });
  const summary = el('summary', {}, [icon('chevron-right'), heading, section.count !== undefined && el('span', { class: 'count', text: String(section.count) })]);
  const details = el('details', { class: `section section-${section.id}` }, [summary]);
  details.open = !deps.isClosed(section.id);
  details.addEventListener('toggle', () => deps.setClosed(section.id, !details.open));
  if (section.fields?.length) {
    const list = el('dl', { class: 'fields' });
    for (const f of section.fields) {
      const values = f.values.map((v) => renderValue(v, deps));
      list.append(el('dt', { text: f.label }), el('dd', { class: f.list ? 'list' : 'inline' }, values));
    }
    details.append(list);
  }
  if (section.table?.rows.length) {
    const all = section.table.rows;
    const head = el('tr', {}, section.table.columns.map((c) => el('th', { text: c, attrs: { scope: 'col' } })));
    const body = el('tbody');
    const addRows = (from: number, to: number) => {
      const rows = document.createDocumentFragment();
      for (const r of all.slice(from, to)) rows.append(el('tr', {}, r.map((v) => el('td', {}, [renderValue(v, deps)]))));
      body.append(rows);
    };
    const shown = all.length > FIRST_ROWS * 1.2 && !deps.showsAll.has(section.id) ? FIRST_ROWS : all.length;
    addRows(0, shown);
    details.append(el('div', { class: 'table-wrap' }, [el('table', { class: 'table' }, [el('thead', {}, [head]), body])]));
    if (shown < all.length) {
      const more = el('button', { class: 'text-button show-all', text: format(deps.strings.showAll, all.length), attrs: { type: 'button' } });
      more.addEventListener('click', () => {
        deps.showsAll.add(section.id);
        addRows(shown, all.length);
        more.remove();
      });
      details.append(more);
    }
  } else if (section.table && section.empty) {
    details.append(el('p', { class: 'empty', text: section.empty }));
  }
  return details;
}

function valueClass(v: Value): string {
  return ['value', v.mono ? 'mono' : '', v.tone ? `tone-${v.tone}` : ''].filter(Boolean).join(' ');
}

export function renderValue(v: Value, deps: SummaryDeps): HTMLElement {
  if (v.link) return linkButton(v, v.link, deps);
  if (v.secret !== undefined) return secretValue(v, v.secret, deps);
  return el('span', { class: valueClass(v), text: v.text });
}

function linkButton(v: Value, link: Link, deps: SummaryDeps): HTMLElement {
  const s = deps.strings;
  const label = link.kind === 'url' ? format(s.openLink, link.url) : format(link.kind === 'container' ? s.inspectContainer : s.inspectImage, v.text);
  const b = el('button', { class: `${valueClass(v)} link`, text: v.text, attrs: { type: 'button', title: label, 'aria-label': label } });
  b.addEventListener('click', () => deps.open(link));
  return b;
}

function secretValue(v: Value, name: string, deps: SummaryDeps): HTMLElement {
  const s = deps.strings;
  const text = el('span', { class: 'secret-text' });
  const wrap = el('span', { class: `${valueClass(v)} secret` }, [text]);
  let toggle: HTMLButtonElement | undefined;
  const draw = (shown: boolean) => {
    text.textContent = shown ? v.text : MASK;
    if (shown) text.removeAttribute('title');
    else text.title = s.hiddenValue;
    const next = iconButton(shown ? 'eye-closed' : 'eye', format(shown ? s.hideValue : s.showValue, name));
    next.setAttribute('aria-pressed', String(shown));
    next.addEventListener('click', () => deps.secrets.toggle(name));
    const hadFocus = toggle !== undefined && document.activeElement === toggle;
    if (toggle) toggle.replaceWith(next);
    else wrap.append(next);
    toggle = next;
    if (hadFocus) next.focus();
  };
  draw(deps.secrets.isShown(name));
  deps.secrets.watch(name, draw);
  return wrap;
}
