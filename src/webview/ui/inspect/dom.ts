/**
 * Building the page from data: elements and text nodes only. Whatever the engine
 * says arrives here as a string and leaves as a text node or an attribute value.
 */

export type Child = Node | string | null | undefined | false;

export interface ElOptions {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: ElOptions = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (opts.class) e.className = opts.class;
  if (opts.text !== undefined) e.textContent = opts.text;
  if (opts.attrs) for (const [name, value] of Object.entries(opts.attrs)) e.setAttribute(name, value);
  for (const c of children) if (c) e.append(c);
  return e;
}

/** The codicons the page uses (VS Code's own icon font, dist/webview/codicon.css). */
export type IconName =
  | 'debug-start' | 'debug-stop' | 'debug-restart' | 'debug-pause' | 'debug-continue' | 'trash' | 'chevron-right' | 'copy'
  | 'list-tree' | 'expand-all' | 'collapse-all' | 'search' | 'close' | 'eye' | 'eye-closed' | 'warning' | 'info';

/** A codicon: a glyph of VS Code's icon font, in the text colour, so it follows the theme. */
export function icon(name: IconName): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button with an icon; `label` is its accessible name and tooltip, `text` what it shows, if anything. */
export function iconButton(name: IconName, label: string, text?: string, className = 'icon-button'): HTMLButtonElement {
  const b = el('button', { class: className, attrs: { type: 'button', title: label, 'aria-label': label } }, [icon(name)]);
  if (text) b.append(el('span', { class: 'button-text', text }));
  return b;
}

/** `{0}` placeholders, as the host's strings have them. */
export function format(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** Sets `text` into `target`, each occurrence of `query` (lowercase) in a <mark>. */
export function setHighlighted(target: HTMLElement, text: string, query: string): void {
  if (!query) {
    target.textContent = text;
    return;
  }
  const lower = text.toLowerCase();
  const parts: Node[] = [];
  let from = 0;
  for (let at = lower.indexOf(query); at >= 0; at = lower.indexOf(query, at + query.length)) {
    if (at > from) parts.push(document.createTextNode(text.slice(from, at)));
    parts.push(el('mark', { text: text.slice(at, at + query.length) }));
    from = at + query.length;
  }
  if (from < text.length) parts.push(document.createTextNode(text.slice(from)));
  target.replaceChildren(...parts);
}
