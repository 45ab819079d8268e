import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { freePort } from '../engine/engine';
import { testSession } from '../harness/session';
import { engine, openDockerDeck, openWorkbench, row, screenshot, screenshotOnFailure, Workbench } from './workbench';

/** The quick input as a user sees it: its title, its filter or value box, its rows, its message. */
function quickInput(page: Page) {
  const widget = page.locator('.quick-input-widget');
  return {
    widget,
    title: widget.locator('.quick-input-title'),
    box: widget.locator('.quick-input-box input'),
    rows: widget.locator('.quick-input-list .monaco-list-row'),
    message: widget.locator('.quick-input-message'),
    /** the row whose label holds `text` */
    item: (text: string) => widget.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: text }) }).first(),
  };
}

describe('e2e: the run composer', () => {
  let wb: Workbench;
  const fixture = testSession().engine.fixtureImage;
  const name = `e2e-run-${testSession().runId}`;

  screenshotOnFailure(() => wb?.page);

  before(async () => {
    wb = await openWorkbench();
    await openDockerDeck(wb.page);
  });
  after(async () => {
    await wb?.close();
    await engine().getContainer(name).remove({ force: true }).catch(() => undefined);
  });

  it('composes a run with a name, a port and an env var, the command line growing in the title, and runs it into the tree', async () => {
    const page = wb.page;
    const qi = quickInput(page);
    const port = await freePort();

    /** Finds an option by typing part of its label, opens it, and types the value (Enter when `enter`). */
    async function setOption(flags: string, value: string, enter = true): Promise<void> {
      // the options list is back (after a value was taken it is drawn anew, which clears the filter box)
      await qi.item('IMAGE').waitFor();
      await qi.box.fill(flags);
      await qi.item(flags).click();
      await qi.message.filter({ hasText: `${flags}:` }).waitFor();
      await qi.box.fill(value);
      if (enter) await qi.box.press('Enter');
    }

    // the palette's fuzzy match may rank another command first: pick this one by its title
    await page.keyboard.press('F1');
    await qi.box.fill('>Docker Deck: Run Image');
    await qi.item('Docker Deck: Run Image...').click();
    await qi.item(fixture).waitFor();
    await screenshot(page, 'run-1-image-step');
    await qi.item(fixture).click();

    await qi.title.filter({ hasText: `docker run -d ${fixture}` }).waitFor();
    await qi.rows.first().filter({ hasText: `docker run -d ${fixture}` }).waitFor();
    await screenshot(page, 'run-2-options');

    await setOption('--name', name);
    await qi.title.filter({ hasText: `docker run -d --name ${name} ${fixture}` }).waitFor();

    // a port out of range is refused as it is typed, with the reason, and Enter does not take it
    await setOption('-p, --publish', '127.0.0.1:99999:80', false);
    await qi.message.filter({ hasText: 'Port 99999 is out of range (1-65535).' }).waitFor();
    await screenshot(page, 'run-3-invalid-port');
    await qi.box.press('Enter');
    await qi.message.filter({ hasText: 'Port 99999 is out of range (1-65535).' }).waitFor();
    await qi.box.fill(`127.0.0.1:${port}:80`);
    // the title follows the text as it is typed, once it is a valid value
    await qi.title.filter({ hasText: `-p 127.0.0.1:${port}:80` }).waitFor();
    await qi.box.press('Enter');

    await setOption('-e, --env', 'GREETING=hello');
    const command = `docker run -d --name ${name} -p 127.0.0.1:${port}:80 -e GREETING=hello ${fixture}`;
    await qi.title.filter({ hasText: command }).waitFor();
    await screenshot(page, 'run-4-preview');

    await qi.widget.locator('.quick-input-titlebar .action-label.codicon-play').click();
    await qi.widget.waitFor({ state: 'hidden' });
    const containerRow = row(page, 'Containers', name);
    await containerRow.filter({ hasText: 'Up ' }).waitFor();
    await page.locator('[id="workbench.parts.sidebar"] .monaco-list-row[aria-selected="true"]', { hasText: name }).waitFor();
    await screenshot(page, 'run-5-in-the-tree');

    const info = await engine().getContainer(name).inspect();
    assert.deepStrictEqual(info.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] });
    assert.ok(info.Config.Env.includes('GREETING=hello'));
  });

  it('pastes a command line, names the flag it leaves out, and runs -it --rm in a terminal attached to the container', async () => {
    const page = wb.page;
    const qi = quickInput(page);
    const label = `org.dockerdeck.test=${testSession().runId}`;
    const line = `docker run -it --rm --cap-add NET_ADMIN -l ${label} ${fixture} sh`;

    await page.keyboard.press('F1');
    await qi.box.fill('>Docker Deck: Run a docker run Command');
    await qi.item('Docker Deck: Run a docker run Command...').click();
    await qi.title.filter({ hasText: 'Paste a docker run command' }).waitFor();
    await qi.box.fill(line);
    await qi.message.filter({ hasText: 'Not supported here, left out if you go on: --cap-add' }).waitFor();
    await screenshot(page, 'run-6-paste');
    await qi.box.press('Enter');
    await qi.item('Go on without --cap-add').waitFor();
    await screenshot(page, 'run-7-left-out');
    await qi.item('Go on without --cap-add').click();
    await qi.title.filter({ hasText: `docker run --rm -it -l ${label} ${fixture} sh` }).waitFor();
    await qi.item('Left out (not supported here): --cap-add').waitFor();
    await screenshot(page, 'run-8-options-left-out');
    // the terminal opens when it is attached, before the start: the engine says when the container runs
    const events = (await engine().getEvents({ filters: JSON.stringify({ label: [label], event: ['start'] }) })) as NodeJS.ReadableStream & { destroy(): void };
    const started = new Promise<void>((resolve) => events.once('data', () => resolve()));
    await qi.widget.locator('.quick-input-titlebar .action-label.codicon-play').click();

    // the terminal is named after the container, and has the keyboard
    const terminal = page.locator('.terminal-wrapper.active .xterm');
    await terminal.waitFor();
    await started.finally(() => events.destroy());
    const [running] = await engine().listContainers({ filters: JSON.stringify({ label: [label] }) });
    assert.ok(running, 'the container runs');
    // the terminal draws on a canvas: what the shell answered is read from the container's log (its TTY output)
    const log = (await engine().getContainer(running.Id).logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
    const answered = new Promise<void>((resolve) => {
      let text = '';
      log.on('data', (chunk: Buffer) => (text += chunk.toString()).includes('hi-42') && resolve());
    });
    await terminal.click();
    await page.keyboard.type('echo hi-$((6*7))');
    await page.keyboard.press('Enter');
    await answered;
    await screenshot(page, 'run-9-attached-terminal');
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await terminal.waitFor({ state: 'detached' });
    await assert.rejects(engine().getContainer(running.Id).inspect(), /no such container/i, '--rm: gone after exit');
  });
});
