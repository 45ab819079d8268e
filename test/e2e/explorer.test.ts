import * as assert from 'assert';
import { testSession } from '../harness/session';
import { engine, labels, openDockerDeck, openWorkbench, removeLabelled, row, screenshot, Workbench } from './workbench';

describe('e2e: the Docker Deck views in the workbench', () => {
  let wb: Workbench;
  const name = `e2e-web-${testSession().runId}`;

  before(async () => {
    const c = await engine().createContainer({ Image: testSession().engine.fixtureImage, name, Labels: labels() });
    await c.start();
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
    await removeLabelled();
  });

  it('shows a container and an image the engine has', async () => {
    await openDockerDeck(wb.page);
    const containerRow = row(wb.page, 'Containers', name);
    await containerRow.waitFor();
    assert.match(await containerRow.innerText(), /Up /);
    const [repo] = testSession().engine.fixtureImage.split(':');
    await row(wb.page, 'Images', repo).waitFor();
    await screenshot(wb.page, 'explorer');
  });
});
