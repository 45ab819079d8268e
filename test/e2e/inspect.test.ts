import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { testSession } from '../harness/session';
import {
  contextMenu, engine, labels, openDockerDeck, openWorkbench, pane, removeLabelled, row, runCommand, screenshot, screenshotOnFailure, setColorTheme, webview, Workbench,
} from './workbench';

/** Engine data that would run script if it were ever written into the page as markup. */
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';

/** The page's globals (this file is type-checked without the DOM library). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type PageGlobals = any;

describe('e2e: the inspect page', () => {
  let wb: Workbench;
  const run = testSession().runId;
  const name = `e2e-inspect-${run}`;
  const hostile = `e2e-markup-${run}`;
  let id = '';

  screenshotOnFailure(() => wb?.page);

  before(async () => {
    const c = await engine().createContainer({
      Image: testSession().engine.fixtureImage,
      name,
      Labels: { ...labels(), 'org.example.tier': 'web' },
      Env: ['MODE=prod', 'DECK_E2E_SETTING=blue', 'DEPLOY_TOKEN=s3cr3t-value'],
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    await c.start();
    id = c.id;
    await engine().createContainer({
      Image: testSession().engine.fixtureImage,
      name: hostile,
      Labels: { ...labels(), 'xss.img': IMG, 'xss.script': SCRIPT, [SVG]: 'svg' },
      Env: [`XSS_IMG=${IMG}`, `XSS_SCRIPT=${SCRIPT}`, `${SVG}=svg`],
      WorkingDir: `/tmp/${IMG}`,
      Cmd: ['sh', '-c', `echo "${SCRIPT}" '${SVG}'`],
    });
    wb = await openWorkbench();
    await setColorTheme(wb.page, 'Dark Modern', 'vs-dark');
    await openDockerDeck(wb.page);
  });
  after(async () => {
    await wb?.close();
    await removeLabelled();
  });

  it('opens from the tree’s context menu: the state and the summary first, secrets masked', async () => {
    const r = row(wb.page, 'Containers', name);
    await r.filter({ hasText: 'Up ' }).waitFor();
    await contextMenu(r, 'Inspect Container');
    const page = webview(wb.page);
    await page.locator('h1.title', { hasText: name }).waitFor();
    await page.locator('body.vscode-dark').waitFor();
    assert.strictEqual(await page.locator('.badge').innerText(), 'Running');
    assert.match(
      (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '',
      /^default-src 'none'; style-src [^;]+; font-src [^;]+; script-src 'nonce-[A-Za-z0-9+/=]{24}'$/,
    );
    await wb.page.locator('.tabs-container .tab', { hasText: name }).waitFor();
    // the actions of a running container
    assert.deepStrictEqual(await page.locator('.actions .action:not([hidden]) .button-text').allInnerTexts(), ['Stop', 'Restart', 'Pause']);
    // the published port as a link to 127.0.0.1
    assert.match(await page.locator('.section-ports button.link').innerText(), /^http:\/\/127\.0\.0\.1:\d+$/);
    // a secret-looking value is masked until revealed
    const env = page.locator('.section-env');
    await env.getByText('DEPLOY_TOKEN', { exact: true }).waitFor();
    assert.strictEqual(await env.getByText('s3cr3t-value').count(), 0);
    await env.getByRole('button', { name: 'Show the value of DEPLOY_TOKEN' }).click();
    await env.getByText('s3cr3t-value', { exact: true }).waitFor();
    await env.getByRole('button', { name: 'Hide the value of DEPLOY_TOKEN' }).click();
    await page.locator('h1.title').scrollIntoViewIfNeeded();
    await screenshot(wb.page, 'inspect-container-dark');
  });

  it('inspecting it again brings its panel back instead of opening another', async () => {
    const before = await wb.page.locator('.tabs-container .tab', { hasText: name }).count();
    await contextMenu(row(wb.page, 'Containers', name), 'Inspect Container');
    await webview(wb.page).locator('h1.title', { hasText: name }).waitFor();
    assert.strictEqual(await wb.page.locator('.tabs-container .tab', { hasText: name }).count(), before);
  });

  it('finds an environment variable with the search box', async () => {
    const page = webview(wb.page);
    await page.locator('.search-input').fill('DECK_E2E_SETTING');
    await page.locator('.match-count', { hasText: '1 match' }).waitFor();
    const hit = page.locator('.tree .row', { has: page.locator('mark', { hasText: 'DECK_E2E_SETTING' }) });
    await hit.waitFor();
    assert.strictEqual(await hit.locator('.json-string').innerText(), '"DECK_E2E_SETTING=blue"');
    // its ancestors are there, expanded
    await page.locator('.tree .row[aria-expanded="true"]', { hasText: 'Env' }).waitFor();
    // Enter goes to the match; the keyboard copies its path (the host says what it copied)
    await page.locator('.search-input').press('Enter');
    await page.locator('.tree.focused .row.active', { hasText: 'DECK_E2E_SETTING' }).waitFor();
    await page.locator('.tree').press('Control+Shift+C');
    await wb.page.locator('.statusbar', { hasText: 'Copied the path .Config.Env[1]' }).waitFor();
    await page.locator('.tree').press('ArrowUp');
    await page.locator('.tree .row.active[aria-expanded="true"]', { hasText: 'Env' }).waitFor();
    await page.locator('.tree').press('ArrowLeft');
    await page.locator('.tree .row.active[aria-expanded="false"]', { hasText: 'Env' }).waitFor();
    await page.locator('.tree').press('ArrowRight');
    await page.locator('.tree .row.active[aria-expanded="true"]', { hasText: 'Env' }).waitFor();
    // the masked value is not found by its secret
    await page.locator('.search-input').fill('s3cr3t');
    await page.locator('.match-count', { hasText: 'No matches' }).waitFor();
    await page.locator('.search-input').fill('DECK_E2E');
    await screenshot(wb.page, 'inspect-search');
    await page.locator('.search-input').fill('');
  });

  it('stops the container from the panel: the panel and the tree both follow', async () => {
    const page = webview(wb.page);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.locator('.badge', { hasText: 'Exited' }).waitFor();
    assert.deepStrictEqual(await page.locator('.actions .action:not([hidden]) .button-text').allInnerTexts(), ['Start', 'Restart', 'Remove']);
    await row(wb.page, 'Containers', name).filter({ hasText: /Exited \(0\)/ }).waitFor();
    assert.strictEqual((await engine().getContainer(id).inspect()).State.Status, 'exited');
  });

  it('shows labels, env, working dir and command holding markup as literal text; nothing runs', async () => {
    await runCommand(wb.page, 'Docker Deck: Inspect Container');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: hostile }).click();
    const page = webview(wb.page);
    await page.locator('h1.title', { hasText: hostile }).waitFor();
    const summary = page.locator('.sections');
    for (const text of [IMG, SCRIPT, `/tmp/${IMG}`, SVG]) {
      assert.ok((await summary.getByText(text, { exact: true }).count()) > 0, `${text} shown as text`);
    }
    assert.match(await page.locator('.section-overview').innerText(), /echo "<script>window.__pwned=1<\/script>"/);
    // the same data in the document, every occurrence on screen
    await page.locator('.search-input').fill('pwned');
    await page.locator('.match-count', { hasText: /\d+ matches/ }).waitFor();
    assert.ok((await page.locator('.tree mark').count()) >= 8);
    await screenshot(wb.page, 'inspect-markup-dark');
    await assertNothingInjected(page);
  });

  it('looks right in a light theme', async () => {
    await setColorTheme(wb.page, 'Light Modern', 'vs');
    const page = webview(wb.page);
    await page.locator('body.vscode-light').waitFor();
    await page.locator('.search-input').fill('');
    await screenshot(wb.page, 'inspect-markup-light');
    await setColorTheme(wb.page, 'Dark High Contrast', 'hc-black');
    await page.locator('body.vscode-high-contrast').waitFor();
    await screenshot(wb.page, 'inspect-markup-high-contrast');
    await setColorTheme(wb.page, 'Dark Modern', 'vs-dark');
    await assertNothingInjected(page);
  });

  it('the engine refuses such names, in words the user can read', async () => {
    // names cannot hold markup: the engine says so (shown to users by the create command as text)
    await assert.rejects(engine().createContainer({ Image: testSession().engine.fixtureImage, name: IMG, Labels: labels() }), (err: Error & { statusCode?: number }) => {
      assert.strictEqual(err.statusCode, 400);
      assert.match(err.message, /Invalid container name \(<img src=x onerror=window.__pwned=1>\), only \[a-zA-Z0-9\]\[a-zA-Z0-9_.-\] are allowed/);
      return true;
    });
  });

  it('says so when the container is removed', async () => {
    await engine().getContainer(id).remove({ force: true });
    await wb.page.locator('.tabs-container .tab', { hasText: name }).click();
    const page = webview(wb.page);
    await page.locator('h1.title', { hasText: name }).waitFor();
    await page.locator('.banner', { hasText: 'This container was removed.' }).waitFor();
    assert.strictEqual(await page.locator('.actions').isVisible(), false, 'no actions on a removed container');
    await row(wb.page, 'Containers', name).waitFor({ state: 'detached' });
    await screenshot(wb.page, 'inspect-removed');
  });

  it('inspects an image from the images view: tags, layers, the containers using it', async () => {
    const tag = testSession().engine.fixtureImage.split(':')[1];
    const tagRow = pane(wb.page, 'Images').locator('.monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${tag}$`) }) });
    await contextMenu(tagRow.first(), 'Inspect Image');
    const page = webview(wb.page);
    await page.locator('h1.title', { hasText: testSession().engine.fixtureImage }).waitFor();
    await page.locator('.section-layers').getByText('Imported from -').waitFor();
    await page.locator('.section-containers').getByText(hostile, { exact: true }).waitFor();
    await screenshot(wb.page, 'inspect-image');
    // a container of the image opens its own page
    await page.locator('.section-containers').getByRole('button', { name: `Inspect container ${hostile}` }).click();
    await webview(wb.page).locator('h1.title', { hasText: hostile }).waitFor();
  });
});

/**
 * No element the engine's data could have made, and no script but the page's bundle
 * and the one VS Code puts in every webview (it defines acquireVsCodeApi).
 */
async function assertNothingInjected(page: FrameLocator): Promise<void> {
  const found = await page.locator('body').evaluate(() => {
    const d = (globalThis as PageGlobals).document;
    return {
      pwned: (globalThis as PageGlobals).__pwned,
      injected: d.querySelectorAll('img, svg, iframe, object, embed, [onerror], [onload]').length,
      scripts: [...d.scripts].map((s: { src: string; text: string }) => (s.src ? s.src.replace(/^.*\//, '') : s.text.includes('acquireVsCodeApi') ? 'VS Code webview API' : s.text)),
    };
  });
  assert.deepStrictEqual(found, { pwned: undefined, injected: 0, scripts: ['VS Code webview API', 'mainInspect.js'] });
}
