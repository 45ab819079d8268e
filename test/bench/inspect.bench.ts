/**
 * The inspect page's speed, measured in the browser with the real page bundle
 * (dist/webview/mainInspect.js) and stylesheets (with the codicon font), in a plain page that stands in for
 * the webview: the same code draws the same messages, without the workbench
 * around it (so the numbers are the page's own, not code-server's).
 *
 * - first paint: from the moment the page receives the host's first message to the
 *   frame after it is drawn (`performance.now()` around the dispatch, then one
 *   animation frame and a task, so style, layout and paint are in);
 * - a search keystroke: from the input event to the frame after it.
 *
 * Data: a real inspect answer (test/fixtures/inspect) grown to 1,000 environment
 * entries and 200 labels, and a real image with 100 layers of history.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { containerInspectView, imageInspectView, InspectView, SummaryContext } from '../../src/core/inspectSummary';
import type { ContainerInspect, ImageHistoryItem, ImageInspect } from '../../src/core/model';
import { inspectUiStrings } from '../../src/webview/inspectStrings';
import type { HostMessage } from '../../src/webview/protocol';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ORIGIN = 'http://inspect.bench';

export interface BenchResult {
  name: string;
  median: number;
  p95?: number;
  unit: string;
  target?: string;
}

const fixture = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'inspect', name), 'utf8')) as T;

const ctx: SummaryContext = { nowMs: Date.parse('2026-11-28T05:00:00Z'), formatTime: (ms) => new Date(ms).toISOString() };

/** A running container with 1,000 environment entries (some secret) and 200 labels. */
export function bigContainerView(): InspectView {
  const c = fixture<ContainerInspect>('container-running.json');
  const env = Array.from({ length: 1000 }, (_, i) => (i % 50 === 7 ? `SERVICE_${i}_PASSWORD=pw-${i}` : `SETTING_${String(i).padStart(4, '0')}=value number ${i} for the service`));
  const labels = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`com.example.team${i % 7}.label-${i}`, `label value ${i}`]));
  return containerInspectView({ ...c, Config: { ...c.Config, Env: [...(c.Config.Env ?? []), ...env], Labels: { ...c.Config.Labels, ...labels } } }, ctx);
}

/** A tagged image with 100 layers of history. */
export function bigImageView(): InspectView {
  const image = fixture<ImageInspect>('image-tagged.json');
  const base = fixture<ImageHistoryItem[]>('image-tagged-history.json');
  const history = Array.from({ length: 100 }, (_, i) => ({ ...base[i % base.length], Id: `sha256:${String(i).padStart(64, '0')}`, CreatedBy: `/bin/sh -c echo layer ${i} > /layer-${i}.txt`, Size: 4096 * i }));
  const layers = Array.from({ length: 100 }, (_, i) => `sha256:${String(i).padStart(64, 'a')}`);
  return imageInspectView({ ...image, RootFS: { Type: 'layers', Layers: layers } }, history, [], ctx);
}

function initMessage(view: InspectView): HostMessage {
  return { type: 'init', strings: inspectUiStrings(), view, status: { kind: 'live' }, pending: null };
}

/** The page's globals: this file is type-checked without the DOM library. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageGlobals = any;

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

/** The page bundle in a blank page with a stand-in for the VS Code webview API. */
export async function openInspectHarness(page: Page): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') {
      return route.fulfill({
        contentType: 'text/html',
        body: `<!DOCTYPE html><html><head><meta charset="UTF-8"><link rel="stylesheet" href="/dist/webview/codicon.css"><link rel="stylesheet" href="/media/inspect.css"></head>
<body class="vscode-dark"><main id="app"></main>
<script>window.acquireVsCodeApi = () => ({ postMessage: (m) => (window.__posted ??= []).push(m), getState: () => undefined, setState: () => undefined });</script>
<script src="/dist/webview/mainInspect.js"></script></body></html>`,
      });
    }
    const file = path.join(ROOT, path.normalize(url.pathname));
    if (!file.startsWith(ROOT + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: MIME[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (globalThis as PageGlobals).__posted?.some((m: { type: string }) => m.type === 'ready'));
}

/** Milliseconds from handing the page a message to the frame after it is drawn. */
function timeFirstPaint(page: Page, message: HostMessage): Promise<number> {
  return page.evaluate(async (data) => {
    const w: PageGlobals = globalThis;
    const t0 = w.performance.now();
    w.dispatchEvent(new w.MessageEvent('message', { data }));
    await new Promise((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
    return w.performance.now() - t0;
  }, message);
}

/** Types `text` into the search box one character at a time; the time of each keystroke. */
function timeKeystrokes(page: Page, text: string): Promise<number[]> {
  return page.evaluate(async (typed) => {
    const w: PageGlobals = globalThis;
    const input = w.document.querySelector('.search-input');
    const times: number[] = [];
    for (const value of [...Array.from(typed, (_, i) => typed.slice(0, i + 1)), '']) {
      const t0 = w.performance.now();
      input.value = value;
      input.dispatchEvent(new w.Event('input'));
      await new Promise((resolve) => w.requestAnimationFrame(() => setTimeout(resolve, 0)));
      times.push(w.performance.now() - t0);
    }
    return times;
  }, text);
}

function summarize(name: string, samples: number[], target: string): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return { name, median: round(at(0.5)), p95: round(at(0.95)), unit: 'ms', target };
}

/**
 * `ctx.page` is a page of its own: it is routed and navigated. `rounds` first
 * paints of each document (a fresh page each), and as many typing runs.
 */
export async function benchInspect(ctx: { page: Page; rounds?: number }): Promise<BenchResult[]> {
  const rounds = ctx.rounds ?? 9;
  const container = initMessage(bigContainerView());
  const image = initMessage(bigImageView());
  const paintContainer: number[] = [];
  const paintImage: number[] = [];
  const keys: number[] = [];
  const keysExpanded: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await openInspectHarness(ctx.page);
    paintImage.push(await timeFirstPaint(ctx.page, image));
    await openInspectHarness(ctx.page);
    paintContainer.push(await timeFirstPaint(ctx.page, container));
    // an env name, a word in many values, and a single letter that matches most of the document
    keys.push(...(await timeKeystrokes(ctx.page, 'SERVICE_7_PASSWORD')), ...(await timeKeystrokes(ctx.page, 'value')), ...(await timeKeystrokes(ctx.page, 'e')));
    await ctx.page.click('button[aria-label="Expand All"]');
    keysExpanded.push(...(await timeKeystrokes(ctx.page, 'label-1')));
  }
  await ctx.page.unroute(`${ORIGIN}/**`);
  return [
    summarize('inspect page: first paint, container with 1,000 env entries and 200 labels', paintContainer, '< 300 ms'),
    summarize('inspect page: first paint, image with 100 layers', paintImage, '< 300 ms'),
    summarize('inspect page: search keystroke (container document)', keys, '< 50 ms'),
    summarize('inspect page: search keystroke, every node expanded', keysExpanded, '< 50 ms'),
  ];
}
