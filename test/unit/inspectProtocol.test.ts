import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { containerInspectView, imageInspectView, InspectView } from '../../src/core/inspectSummary';
import { copyText, formatJsonPath, valueAt } from '../../src/core/jsonPath';
import type { ContainerInspect, ImageInspect } from '../../src/core/model';
import { PanelFacts, validateMessage } from '../../src/webview/validateMessage';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/inspect');
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
const ctx = { nowMs: Date.parse('2026-11-28T04:05:00Z'), formatTime: (ms: number) => new Date(ms).toISOString() };

function panel(view: InspectView, extra: Partial<PanelFacts> = {}): PanelFacts {
  return { objectId: view.id, ready: true, view, removed: false, ...extra };
}

const running = () => containerInspectView(load<ContainerInspect>('container-running.json'), ctx);
const exited = () => containerInspectView(load<ContainerInspect>('container-exited.json'), ctx);

function rejected(raw: unknown, facts: PanelFacts): string {
  const verdict = validateMessage(raw, facts);
  assert.ok(!verdict.ok, `accepted ${JSON.stringify(raw)}`);
  return verdict.reason;
}

describe('inspect page messages: the host acts only on what the page may ask', () => {
  it('takes `ready` before anything else, and nothing else before it', () => {
    const view = running();
    assert.deepStrictEqual(validateMessage({ type: 'ready' }, panel(view, { ready: false })), { ok: true, message: { type: 'ready' } });
    assert.match(rejected({ type: 'action', objectId: view.id, action: 'stop' }, panel(view, { ready: false })), /before ready/);
    assert.match(rejected({ type: 'ready', extra: 1 }, panel(view)), /unexpected/);
  });

  it('runs an action valid in the current state, on the panel’s own container', () => {
    const view = running();
    assert.deepStrictEqual(validateMessage({ type: 'action', objectId: view.id, action: 'stop' }, panel(view)), {
      ok: true,
      message: { type: 'action', objectId: view.id, action: 'stop' },
    });
  });

  it('refuses an action on another object', () => {
    const view = running();
    const other = exited();
    assert.match(rejected({ type: 'action', objectId: other.id, action: 'stop' }, panel(view)), /another object/);
    assert.match(rejected({ type: 'action', action: 'stop' }, panel(view)), /another object/);
  });

  it('refuses an action outside the allow-list, or not valid in the state', () => {
    const view = running();
    for (const action of ['kill', 'exec', 'forceRemove', 'workbench.action.terminal.new', '__proto__', 1]) {
      assert.match(rejected({ type: 'action', objectId: view.id, action }, panel(view)), /unknown action/);
    }
    assert.match(rejected({ type: 'action', objectId: view.id, action: 'start' }, panel(view)), /not valid now/);
    assert.match(rejected({ type: 'action', objectId: view.id, action: 'remove' }, panel(view)), /not valid now/);
    const gone = exited();
    assert.match(rejected({ type: 'action', objectId: gone.id, action: 'remove' }, panel(gone, { removed: true })), /not valid now/);
  });

  it('refuses actions on an image page, and messages it does not know', () => {
    const image = imageInspectView(load<ImageInspect>('image-tagged.json'), [], [], ctx);
    assert.match(rejected({ type: 'action', objectId: image.id, action: 'stop' }, panel(image)), /not valid now/);
    const view = running();
    assert.match(rejected({ type: 'command', objectId: view.id, command: 'workbench.action.openSettings' }, panel(view)), /unknown message/);
    assert.match(rejected('ready', panel(view)), /not a message/);
    assert.match(rejected(null, panel(view)), /not a message/);
    assert.match(rejected({ type: 'action', objectId: view.id, action: 'stop', node: { containerId: 'x' } }, panel(view)), /unexpected fields/);
  });

  it('copies only paths the document has', () => {
    const view = running();
    const ok = (p: unknown[]) => validateMessage({ type: 'copy', objectId: view.id, what: 'value', path: p }, panel(view)).ok;
    assert.ok(ok([]));
    assert.ok(ok(['Config', 'Env', 2]));
    assert.ok(ok(['Config', 'Labels', 'com.example.note']));
    assert.ok(!ok(['Config', 'Env', 99]));
    assert.ok(!ok(['Config', 'Env', -1]));
    assert.ok(!ok(['Config', 'Env', 1.5]));
    assert.ok(!ok(['__proto__']));
    assert.ok(!ok(['Config', { toString: 'Env' }]));
    assert.ok(!ok(Array(65).fill('Config')));
    assert.match(rejected({ type: 'copy', objectId: view.id, what: 'secrets', path: [] }, panel(view)), /copy what/);
  });

  it('follows only links the view shows', () => {
    const view = running();
    const image = (view.document as ContainerInspect).Image;
    const ok = (link: unknown) => validateMessage({ type: 'open', objectId: view.id, link }, panel(view)).ok;
    assert.ok(ok({ kind: 'url', url: 'http://127.0.0.1:18080' }));
    assert.ok(ok({ kind: 'image', id: image }));
    assert.ok(!ok({ kind: 'url', url: 'http://127.0.0.1:22' }));
    assert.ok(!ok({ kind: 'url', url: 'command:workbench.action.terminal.new' }));
    assert.ok(!ok({ kind: 'url', url: 'file:///etc/passwd' }));
    assert.ok(!ok({ kind: 'container', id: view.id }));
    assert.ok(!ok({ kind: 'url', url: 'http://127.0.0.1:18080', target: '_blank' }));
    assert.ok(!ok('http://127.0.0.1:18080'));
  });
});

describe('JSON paths', () => {
  it('writes paths the way jq reads them', () => {
    assert.strictEqual(formatJsonPath([]), '.');
    assert.strictEqual(formatJsonPath(['Config', 'Env', 3]), '.Config.Env[3]');
    assert.strictEqual(formatJsonPath(['Config', 'Labels', 'com.docker.compose.project']), '.Config.Labels["com.docker.compose.project"]');
    assert.strictEqual(formatJsonPath(['NetworkSettings', 'Ports', '80/tcp', 0, 'HostPort']), '.NetworkSettings.Ports["80/tcp"][0].HostPort');
    assert.strictEqual(formatJsonPath([0]), '.[0]');
    assert.strictEqual(formatJsonPath(['a"b']), '.["a\\"b"]');
  });

  it('follows paths, own keys only', () => {
    const doc = { Config: { Env: ['A=1'], Labels: { 'a.b': 'c' } } };
    assert.strictEqual(valueAt(doc, ['Config', 'Env', 0]), 'A=1');
    assert.strictEqual(valueAt(doc, ['Config', 'Labels', 'a.b']), 'c');
    assert.strictEqual(valueAt(doc, ['Config', 'constructor']), undefined);
    assert.strictEqual(valueAt(doc, ['Config', 'Env', '0']), undefined);
    assert.strictEqual(copyText('A=1'), 'A=1');
    assert.strictEqual(copyText({ a: [1] }), '{\n  "a": [\n    1\n  ]\n}');
  });
});
