import { testSession } from '../harness/session';
import { openDockerDeck, openWorkbench, screenshot, Workbench } from './workbench';

describe('e2e: the engine in the status bar', () => {
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
    await openDockerDeck(wb.page);
  });

  after(async () => wb?.close());

  it('names the engine in use, and a click offers the Docker contexts', async () => {
    const { page } = wb;
    const host = testSession().engine.host;
    // the item's id is the extension's id and the item's own
    const item = page.locator('[id="dockerdeck.docker-deck.dockerDeck.engine"]');
    await item.filter({ hasText: host }).waitFor();
    await page.locator(`[id="dockerdeck.docker-deck.dockerDeck.engine"][aria-label="Docker engine ${host}: connected"]`).waitFor();

    await item.click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('.quick-input-title', { hasText: 'Use Docker Context' }).waitFor();
    await picker.locator('.monaco-list-row', { hasText: "Use the docker CLI's current context" }).waitFor();
    await picker.locator('.monaco-list-row', { hasText: host }).first().waitFor();
    await screenshot(page, 'context-picker');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
  });
});
