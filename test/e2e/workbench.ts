/**
 * Driving the real workbench in Chromium: open it with Docker Deck loaded, find
 * the views' rows, use menus, dialogs and the command palette as a user would.
 * Selectors are the ones VS Code 1.100 renders.
 */
import Docker = require('dockerode');
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { CodeServer, workbenchUrl } from '../harness/codeServer';
import { testSession } from '../harness/session';
import { TEST_LABEL } from '../engine/engine';

export const UI_TIMEOUT = 20_000;

export interface Workbench {
  page: Page;
  folder: string;
  close(): Promise<void>;
}

/** A new window with its own workspace folder (so workspace state starts empty). */
export async function openWorkbench(server: CodeServer = testSession().server): Promise<Workbench> {
  const session = testSession();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-deck-e2e-ws-'));
  const page = await session.browser.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(workbenchUrl(server, { folder }));
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.activitybar').waitFor();
  return {
    page,
    folder,
    close: async () => {
      await page.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Opens the Docker Deck side bar; `containers` is the Containers view's title in the display language. */
export async function openDockerDeck(page: Page, containers = 'Containers'): Promise<void> {
  const entry = page.locator('.activitybar a.action-label[aria-label^="Docker Deck"]');
  await entry.waitFor();
  const sidebar = page.locator('[id="workbench.parts.sidebar"]');
  if (!(await sidebar.locator('.pane-header', { hasText: containers }).isVisible().catch(() => false))) await entry.click();
  await sidebar.locator('.pane-header', { hasText: containers }).waitFor();
}

/** The pane of a Docker Deck view, by its title ("Containers" or "Images", or the title in another language). */
export function pane(page: Page, title: string): Locator {
  return page.locator('[id="workbench.parts.sidebar"] .pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
}

export function row(page: Page, view: string, text: string | RegExp): Locator {
  return pane(page, view).locator('.monaco-list-row[role="treeitem"]').filter({ hasText: text });
}

/**
 * A screenshot of the window as a user would look at it: the pointer is moved off
 * the views first (to the empty middle of the status bar), so that a row's hover
 * tooltip left over from the last click does not cover what the picture is for.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(testSession().resultsDir, `${name}.png`);
  const size = page.viewportSize();
  if (size) await page.mouse.move(size.width / 2, size.height - 4);
  await page
    .locator('.workbench-hover-container')
    .first()
    .waitFor({ state: 'hidden', timeout: 3_000 })
    .catch(() => undefined); // a hover that stays is still better in the picture than no picture
  await page.screenshot({ path: file });
  return file;
}

/**
 * Right-clicks `target` and picks `item` from its context menu. A menu ignores a
 * click that comes too soon after it opened, so the click is repeated until the
 * menu closes.
 */
export async function contextMenu(target: Locator, item: string): Promise<void> {
  const page = target.page();
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  const menuItem = menu.locator('.action-item').filter({ hasText: item }).first();
  await menuItem.waitFor();
  for (let attempt = 0; attempt < 5 && (await menu.isVisible()); attempt++) {
    await menuItem.hover();
    await menuItem.click().catch(() => undefined);
    await menu.waitFor({ state: 'hidden', timeout: 1_000 }).catch(() => undefined);
  }
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The test's own engine client, to set up state and check the engine's answer. */
export function engine(): Docker {
  return new Docker({ socketPath: testSession().engine.socketPath });
}

export function labels(): Record<string, string> {
  return { [TEST_LABEL]: testSession().runId };
}

export async function removeLabelled(): Promise<void> {
  const d = engine();
  const list = await d.listContainers({ all: true, filters: JSON.stringify({ label: [`${TEST_LABEL}=${testSession().runId}`] }) });
  await Promise.all(list.map((c) => d.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}

/** Call inside a describe: a failed test leaves a screenshot of what the browser showed. */
export function screenshotOnFailure(getPage: () => Page | undefined): void {
  afterEach(async function () {
    const page = getPage();
    if (this.currentTest?.state !== 'failed' || !page) return;
    const name = `FAILED-${this.currentTest.fullTitle().replace(/[^\w-]+/g, '_').slice(0, 80)}`;
    await screenshot(page, name).catch(() => undefined);
  });
}

/** The content of the webview in front (an editor panel's page): the visible frame, inside its host frame. */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

/**
 * Switches the colour theme as a user does (Preferences: Color Theme; `theme` as the
 * picker names it: Dark Modern, Light Modern, Dark High Contrast) and waits until
 * the workbench wears it: `vs` light, `vs-dark`, `hc-black`, `hc-light`. Themes are
 * offered once the built-in extensions are scanned, which takes a while after the
 * window opens: until then the picker is asked again.
 */
export async function setColorTheme(page: Page, theme: string, kind: 'vs' | 'vs-dark' | 'hc-black' | 'hc-light'): Promise<void> {
  if (await page.locator(`.monaco-workbench.${kind}`).isVisible()) return;
  const exactly = (text: string) => page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${text}$`) }) });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
    await exactly('Preferences: Color Theme').click();
    if (await exactly(theme).waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
    await page.keyboard.press('Escape');
    if (attempt === 12) throw new Error(`the colour theme picker does not offer "${theme}"`);
  }
  await exactly(theme).click();
  // the theme's colours come from its extension: slow while the extension host starts
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: 60_000 });
}
