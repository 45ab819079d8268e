import * as assert from 'assert';
import { testSession } from '../harness/session';
import { contextMenu, engine, labels, openDockerDeck, openWorkbench, removeLabelled, row, screenshot, screenshotOnFailure, Workbench } from './workbench';

describe('e2e: container lifecycle from the tree', () => {
  let wb: Workbench;
  const run = testSession().runId;

  async function runningContainer(name: string): Promise<string> {
    const c = await engine().createContainer({ Image: testSession().engine.fixtureImage, name, Labels: labels() });
    await c.start();
    return c.id;
  }

  screenshotOnFailure(() => wb?.page);

  before(async () => {
    wb = await openWorkbench();
    await openDockerDeck(wb.page);
  });
  after(async () => {
    await wb?.close();
    await removeLabelled();
  });

  it('right-click a running container, Stop: the row shows it exited', async () => {
    const name = `e2e-stop-${run}`;
    const id = await runningContainer(name);
    const r = row(wb.page, 'Containers', name);
    await r.filter({ hasText: 'Up ' }).waitFor();
    await contextMenu(r, 'Stop Container');
    await r.filter({ hasText: /Exited \(0\)/ }).waitFor();
    assert.strictEqual((await engine().getContainer(id).inspect()).State.Status, 'exited');
    await screenshot(wb.page, 'lifecycle-stopped');
  });

  it('force remove asks in a modal; cancelling leaves the container, confirming removes it', async () => {
    const name = `e2e-force-${run}`;
    const id = await runningContainer(name);
    const r = row(wb.page, 'Containers', name);
    await r.filter({ hasText: 'Up ' }).waitFor();

    await contextMenu(r, 'Force Remove Container');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), new RegExp(`Force remove "${name}"`));
    await screenshot(wb.page, 'lifecycle-force-remove-dialog');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.strictEqual((await engine().getContainer(id).inspect()).State.Status, 'running', 'cancelling leaves it running');
    await r.waitFor();

    await contextMenu(r, 'Force Remove Container');
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: 'Force Remove' }).click();
    await r.waitFor({ state: 'detached' });
    await assert.rejects(engine().getContainer(id).inspect(), /no such container/i);
  });
});
