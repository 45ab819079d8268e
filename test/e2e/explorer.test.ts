import * as assert from 'assert';
import { testSession } from '../harness/session';
import { engine, labels, openDockerDeck, openWorkbench, removeLabelled, row, screenshot, Workbench } from './workbench';

describe('e2e: the Docker Deck views in the workbench', () => {
  let wb: Workbench;
  const run = testSession().runId;
  const names = { running: `e2e-up-${run}`, paused: `e2e-paused-${run}`, exited: `e2e-failed-${run}` };

  before(async () => {
    const d = engine();
    const image = testSession().engine.fixtureImage;
    const up = await d.createContainer({ Image: image, name: names.running, Labels: labels() });
    await up.start();
    const paused = await d.createContainer({ Image: image, name: names.paused, Labels: labels() });
    await paused.start();
    await paused.pause();
    const failed = await d.createContainer({ Image: image, name: names.exited, Labels: labels(), Cmd: ['sh', '-c', 'exit 3'] });
    await failed.start();
    await failed.wait();
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
    await removeLabelled();
  });

  it('shows a container and an image the engine has', async () => {
    await openDockerDeck(wb.page);
    await row(wb.page, 'Containers', names.running).waitFor();
    const [repo] = testSession().engine.fixtureImage.split(':');
    await row(wb.page, 'Images', repo).waitFor();
  });

  it('shows running, paused and exited containers with their state text and distinct icons', async () => {
    await openDockerDeck(wb.page);
    const expected: [string, RegExp, string][] = [
      [names.running, /Up /, 'codicon-vm-running'],
      [names.paused, /Paused/, 'codicon-debug-pause'],
      [names.exited, /Exited \(3\)/, 'codicon-error'],
    ];
    const icons = new Set<string>();
    for (const [name, text, icon] of expected) {
      const r = row(wb.page, 'Containers', name);
      await r.waitFor();
      assert.match(await r.innerText(), text);
      const iconClass = (await r.locator('.custom-view-tree-node-item-icon').getAttribute('class')) ?? '';
      assert.ok(iconClass.includes(icon), `${name}: ${iconClass}`);
      icons.add(icon);
    }
    assert.strictEqual(icons.size, 3);
    await screenshot(wb.page, 'explorer');
  });
});
