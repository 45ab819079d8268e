import * as assert from 'assert';
import { CodeServer, startCodeServer } from '../harness/codeServer';
import { testSession } from '../harness/session';
import { contextMenu, engine, labels, openDockerDeck, openWorkbench, pane, removeLabelled, row, screenshot, screenshotOnFailure, webview, Workbench } from './workbench';

/**
 * VS Code with Korean as its display language (a code-server of its own, started
 * with --locale ko): Docker Deck's views, menus, tree rows and inspect page speak
 * Korean. VS Code's own strings stay English here, as only a stub language pack
 * can be installed offline (see installLanguagePack in test/harness/codeServer.ts).
 */
describe('e2e: Docker Deck in Korean', () => {
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  const name = `e2e-ko-${testSession().runId}`;
  screenshotOnFailure(() => wb?.page);

  before(async () => {
    const c = await engine().createContainer({ Image: testSession().engine.fixtureImage, name, Labels: labels() });
    await c.start();
    server = await startCodeServer({ env: testSession().env, locale: 'ko' });
    wb = await openWorkbench(server);
  });
  after(async () => {
    await wb?.close();
    await server?.stop();
    await removeLabelled();
  });

  it('names the views and shows the containers’ state in Korean', async () => {
    const page = wb!.page;
    await openDockerDeck(page, '컨테이너');
    await pane(page, '이미지').waitFor();
    const r = row(page, '컨테이너', name);
    await r.filter({ hasText: '째 실행 중' }).waitFor();
    const [repo] = testSession().engine.fixtureImage.split(':');
    await row(page, '이미지', repo).waitFor();
    await screenshot(page, 'korean-explorer');
  });

  it('inspects and stops a container from the Korean context menu and inspect page', async () => {
    const page = wb!.page;
    await contextMenu(row(page, '컨테이너', name), '컨테이너 검사');
    const view = webview(page);
    await view.locator('h1.title', { hasText: name }).waitFor();
    assert.strictEqual(await view.locator('.badge').innerText(), '실행 중');
    assert.deepStrictEqual(await view.locator('.actions .action:not([hidden]) .button-text').allInnerTexts(), ['중지', '재시작', '일시 중지']);
    await view.locator('h2', { hasText: '개요' }).first().waitFor();
    assert.strictEqual(await view.locator('.search-input').getAttribute('placeholder'), '키와 값 검색');
    await screenshot(page, 'korean-inspect');

    await view.getByRole('button', { name: '중지', exact: true }).click();
    await view.locator('.badge', { hasText: '종료됨' }).waitFor();
    await row(page, '컨테이너', name).filter({ hasText: /종료됨 \(0\)/ }).waitFor();
    assert.strictEqual((await engine().getContainer(name).inspect()).State.Status, 'exited');
  });
});
