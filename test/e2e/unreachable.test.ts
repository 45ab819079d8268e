import * as assert from 'assert';
import { startDaemon, stopDaemon } from '../engine/engine';
import { testSession } from '../harness/session';
import { engine, labels, openDockerDeck, openWorkbench, pane, removeLabelled, row, screenshot, screenshotOnFailure, Workbench } from './workbench';

// Runs last (files run in name order): it stops the engine under the workbench.
describe('e2e: the engine goes away and comes back', () => {
  let wb: Workbench;
  const name = `e2e-back-${testSession().runId}`;
  screenshotOnFailure(() => wb?.page);

  before(async function () {
    if (!testSession().engine.owned) this.skip(); // only an engine this run started may be stopped
    await engine().createContainer({ Image: testSession().engine.fixtureImage, name, Labels: labels() });
    wb = await openWorkbench();
    await openDockerDeck(wb.page);
  });
  after(async () => {
    await wb?.close();
    if (testSession().engine.owned) await removeLabelled();
  });

  it('says why with the endpoint, offers Retry, and recovers without a reload', async () => {
    const stateDir = testSession().engine.stateDir!;
    await row(wb.page, 'Containers', name).waitFor();
    await stopDaemon(stateDir);
    const containers = pane(wb.page, 'Containers');
    const message = containers.locator('.message');
    await message.filter({ hasText: /not running at unix:\/\/.*docker\.sock/ }).waitFor();
    const retry = row(wb.page, 'Containers', 'Retry');
    await retry.waitFor();
    await row(wb.page, 'Containers', 'Choose a Docker context').waitFor();
    assert.strictEqual(await row(wb.page, 'Containers', name).count(), 0, 'no stale rows');
    await screenshot(wb.page, 'unreachable');

    await startDaemon(stateDir);
    await retry.click();
    await row(wb.page, 'Containers', name).waitFor();
    await message.waitFor({ state: 'hidden' });
  });
});
