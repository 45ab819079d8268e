import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ContainerEntry } from '../../src/core/containerView';
import { containerInspectView, Field, imageInspectView, InspectView, isSecretEnv, layerInstruction, linksOf, Section, SummaryContext, Value } from '../../src/core/inspectSummary';
import type { ContainerInspect, ImageHistoryItem, ImageInspect } from '../../src/core/model';

/**
 * Inspect answers captured from dockerd 20.10.24 by test/fixtures/inspect/capture.sh
 * (each container's `docker run` line is there).
 */
const FIXTURES = path.join(__dirname, '../../../test/fixtures/inspect');
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
const container = (name: string) => load<ContainerInspect>(`container-${name}.json`);

const NOW = Date.parse('2026-11-28T04:05:00Z');
const ctx: SummaryContext = { nowMs: NOW, formatTime: (ms) => new Date(ms).toISOString() };

function section(view: InspectView, id: string): Section {
  const s = view.sections.find((x) => x.id === id);
  assert.ok(s, `no section ${id}`);
  return s;
}

/** A section's fields as label -> the values' texts joined. */
function fieldsOf(view: InspectView, id: string): Record<string, string> {
  return Object.fromEntries((section(view, id).fields ?? []).map((f: Field) => [f.label, f.values.map((v) => v.text).join(' | ')]));
}

/** A section's table as rows of texts. */
function tableOf(view: InspectView, id: string): string[][] {
  return (section(view, id).table?.rows ?? []).map((r) => r.map((v) => v.text));
}

function cell(view: InspectView, id: string, row: number, column: number): Value {
  return section(view, id).table!.rows[row][column];
}

describe('inspect summary: containers', () => {
  it('a running, healthy container: state, actions, and everything set on it', () => {
    const view = containerInspectView(container('running'), ctx);
    assert.strictEqual(view.kind, 'container');
    assert.strictEqual(view.title, 'fx-running');
    assert.deepStrictEqual(view.state && { kind: view.state.kind, look: view.state.look, label: view.state.label, detail: view.state.detail }, {
      kind: 'running',
      look: 'healthy',
      label: 'Running',
      detail: 'Up About a minute (healthy)',
    });
    assert.deepStrictEqual(view.actions, ['stop', 'restart', 'pause']);
    assert.deepStrictEqual(view.sections.map((s) => s.id), ['state', 'overview', 'ports', 'mounts', 'networks', 'resources', 'labels', 'env']);

    const state = fieldsOf(view, 'state');
    assert.strictEqual(state['Health'], 'Healthy');
    assert.strictEqual(state['Started'], '2026-11-28T04:03:04.948Z (About a minute ago)');
    assert.strictEqual(state['Process ID'], '6580');
    assert.ok(!('Finished' in state) && !('Exit code' in state) && !('Error' in state));

    const overview = fieldsOf(view, 'overview');
    assert.strictEqual(overview['ID'], 'ce9e512b3331181f579518b9b7b9ec40fe4a87b74391a77e9089f0dd6f8ad814');
    assert.strictEqual(overview['Image'], 'dockerdeck/fixture:1 | 824f05077f04');
    assert.strictEqual(overview['Entrypoint'], 'sh');
    assert.strictEqual(overview['Command'], `-c 'trap '\\''exit 0'\\'' TERM; sleep 86400 & wait'`);
    assert.strictEqual(overview['Working directory'], '/tmp');
    assert.strictEqual(overview['User'], '0:0');
    assert.strictEqual(overview['Host name'], 'web');
  });

  it('ports: what is published where, and a link for TCP ports reachable on this machine', () => {
    const view = containerInspectView(container('running'), ctx);
    assert.deepStrictEqual(tableOf(view, 'ports'), [
      ['53/udp', '0.0.0.0:32768, [::]:32768', '—'],
      ['80/tcp', '127.0.0.1:18080', 'http://127.0.0.1:18080'],
      ['443/tcp', '0.0.0.0:18443, [::]:18443', 'http://127.0.0.1:18443'],
      ['9000/tcp', 'Not published', '—'],
    ]);
    assert.deepStrictEqual(cell(view, 'ports', 1, 2).link, { kind: 'url', url: 'http://127.0.0.1:18080' });
    assert.strictEqual(cell(view, 'ports', 0, 2).link, undefined, 'UDP is not opened in a browser');
  });

  it('ports of a remote engine: wildcard bindings on its host, loopback bindings not at all', () => {
    const view = containerInspectView(container('running'), { ...ctx, remoteHost: 'build.example' });
    assert.deepStrictEqual(tableOf(view, 'ports').map((r) => r[2]), ['—', '—', 'http://build.example:18443', '—']);
  });

  it('mounts, networks, limits and the restart policy', () => {
    const view = containerInspectView(container('running'), ctx);
    assert.deepStrictEqual(tableOf(view, 'mounts'), [
      ['tmpfs', '—', '/scratch', 'rw'],
      ['volume', 'fx-data', '/data', 'rw, z'],
      ['bind', '/tmp', '/host-tmp', 'ro, rslave'],
    ]);
    assert.deepStrictEqual(tableOf(view, 'networks'), [['fx-net', '172.19.0.2/16', '—', '172.19.0.1', '02:42:ac:13:00:02', 'api, ce9e512b3331, web']]);
    assert.deepStrictEqual(fieldsOf(view, 'resources'), {
      'Restart policy': 'On failure, at most 3 times | on-failure:3',
      Memory: '64MiB',
      'Memory and swap': '128MiB',
      CPUs: '0.5',
      Processes: '100',
    });
  });

  it('labels sorted; environment in order, with secret-looking values marked for masking', () => {
    const view = containerInspectView(container('running'), ctx);
    assert.deepStrictEqual(tableOf(view, 'labels'), [
      ['app', 'web'],
      ['com.example.note', 'two words'],
      ['org.dockerdeck.test', 'fx'],
    ]);
    assert.deepStrictEqual(
      section(view, 'env').table!.rows.map(([name, value]) => [name.text, value.text, value.secret ?? null]),
      [
        ['MODE', 'prod', null],
        ['GPG_KEY', '0xABC', 'GPG_KEY'],
        ['DB_PASSWORD', 'hunter2', 'DB_PASSWORD'],
        ['API_TOKEN', 'abc123', 'API_TOKEN'],
        ['PATH', '/bin', null],
      ],
    );
    assert.deepStrictEqual(view.secretKeys, ['GPG_KEY', 'DB_PASSWORD', 'API_TOKEN']);
    assert.strictEqual(section(view, 'env').count, 5);
  });

  it('a paused container offers unpause, not pause', () => {
    const view = containerInspectView(container('paused'), ctx);
    assert.strictEqual(view.state?.look, 'paused');
    assert.deepStrictEqual(view.actions, ['stop', 'restart', 'unpause']);
    assert.strictEqual(fieldsOf(view, 'state')['Status'], 'Paused | Paused');
  });

  it('an exited container: exit code, finish time, start/restart/remove', () => {
    const view = containerInspectView(container('exited'), ctx);
    assert.strictEqual(view.state?.look, 'exitedError');
    assert.deepStrictEqual(view.actions, ['start', 'restart', 'remove']);
    const state = fieldsOf(view, 'state');
    assert.strictEqual(state['Exit code'], '3');
    assert.strictEqual(section(view, 'state').fields!.find((f) => f.label === 'Exit code')!.values[0].tone, 'error');
    assert.strictEqual(state['Finished'], '2026-11-28T04:03:06.927Z (About a minute ago)');
    assert.ok(!('Process ID' in state));
    // not running: the port table says what it asked for (nothing here: only the image's EXPOSE 80)
    assert.deepStrictEqual(tableOf(view, 'ports'), [['80/tcp', 'Not published', '—']]);
  });

  it('a created container never started: no times, no exit code', () => {
    const view = containerInspectView(container('created'), ctx);
    assert.strictEqual(view.state?.kind, 'created');
    assert.deepStrictEqual(view.actions, ['start', 'restart', 'remove']);
    assert.deepStrictEqual(Object.keys(fieldsOf(view, 'state')), ['Status']);
  });

  it('a container whose start failed shows the engine error and exit code 127', () => {
    const view = containerInspectView(container('failed'), ctx);
    const state = fieldsOf(view, 'state');
    assert.strictEqual(state['Exit code'], '127');
    assert.match(state['Error'], /exec: "\/no\/such\/program": stat \/no\/such\/program: no such file or directory/);
  });

  it('a restarting container: restarts counted, only stop offered', () => {
    const view = containerInspectView(container('restarting'), ctx);
    assert.strictEqual(view.state?.look, 'restarting');
    assert.deepStrictEqual(view.actions, ['stop']);
    assert.strictEqual(fieldsOf(view, 'state')['Restarts'], '1');
    assert.deepStrictEqual(fieldsOf(view, 'resources')['Restart policy'], 'Always | always');
  });

  it('an unhealthy container: health in red, the last check', () => {
    const view = containerInspectView(container('unhealthy'), ctx);
    assert.strictEqual(view.state?.look, 'unhealthy');
    const health = section(view, 'state').fields!.find((f) => f.label === 'Health')!;
    assert.deepStrictEqual(health.values.map((v) => [v.text, v.tone]), [['Unhealthy', 'error']]);
    assert.strictEqual(fieldsOf(view, 'state')['Last health check'], 'exit code 1, 2026-11-28T04:03:09.256Z (About a minute ago)');
  });

  it('a dead container can only be removed', () => {
    const c = container('exited');
    const view = containerInspectView({ ...c, State: { ...c.State, Status: 'dead', Dead: true } }, ctx);
    assert.strictEqual(view.state?.look, 'dead');
    assert.deepStrictEqual(view.actions, ['remove']);
  });

  it('keeps the whole document, and the links it shows', () => {
    const c = container('running');
    const view = containerInspectView(c, ctx);
    assert.strictEqual(view.document, c);
    assert.deepStrictEqual([...linksOf(view)].sort(), [
      `image:${c.Image}`,
      'url:http://127.0.0.1:18080',
      'url:http://127.0.0.1:18443',
    ]);
  });
});

describe('inspect summary: images', () => {
  const tagged = () => load<ImageInspect>('image-tagged.json');
  const history = () => load<ImageHistoryItem[]>('image-tagged-history.json');

  it('a tagged image: tags, digests, platform, config, layers', () => {
    const view = imageInspectView(tagged(), history(), [], ctx, 'dockerdeck/fixture-rich:latest');
    assert.strictEqual(view.kind, 'image');
    assert.strictEqual(view.title, 'dockerdeck/fixture-rich:latest');
    assert.strictEqual(view.state, undefined);
    assert.deepStrictEqual(view.actions, []);
    assert.deepStrictEqual(view.subtitle.map((v) => v.text), ['6a16f85a8489', '1.982MB']);
    assert.deepStrictEqual(view.sections.map((s) => s.id), ['overview', 'layers', 'containers', 'labels', 'env']);
    const overview = fieldsOf(view, 'overview');
    assert.strictEqual(overview['Tags'], '127.0.0.1:15055/fixture-rich:2 | dockerdeck/fixture-rich:2 | dockerdeck/fixture-rich:latest');
    assert.strictEqual(overview['Digests'], '127.0.0.1:15055/fixture-rich@sha256:4ee7b04d08dbf0c729621d143b70a6c9be50458d65c57939274713c8e32d83e5');
    assert.strictEqual(overview['Size'], '1.982MB');
    assert.strictEqual(overview['Platform'], 'linux/amd64');
    assert.strictEqual(overview['Entrypoint'], 'sh -c');
    assert.strictEqual(overview['Command'], `'echo rich'`);
    assert.strictEqual(overview['Working directory'], '/srv');
    assert.strictEqual(overview['Exposed ports'], '53/udp | 80/tcp | 8080/tcp');
    assert.strictEqual(overview['Volumes'], '/cache');
    assert.deepStrictEqual(view.secretKeys, ['SECRET_KEY']);
  });

  it('layers read like docker history, newest first', () => {
    const view = imageInspectView(tagged(), history(), [], ctx);
    assert.strictEqual(section(view, 'layers').count, 10);
    assert.deepStrictEqual(tableOf(view, 'layers').map((r) => [r[1], r[2]]), [
      ['CMD ["echo rich"]', '0B'],
      ['ENTRYPOINT ["sh" "-c"]', '0B'],
      ['VOLUME [/cache]', '0B'],
      ['EXPOSE 53/udp 8080/tcp', '0B'],
      ['WORKDIR /srv', '0B'],
      ['RUN /bin/sh -c echo two >/two.txt', '4B'],
      ['RUN /bin/sh -c echo one >/one.txt', '4B'],
      ['ENV APP_HOME=/srv SECRET_KEY=not-really', '0B'],
      ['LABEL org.opencontainers.image.title=fixture rich org.dockerdeck.test=fx', '0B'],
      ['Imported from -', '1.982MB'],
    ]);
  });

  it('the containers made from it, linked to their own pages', () => {
    const entry = (id: string, name: string, state: 'running' | 'exited'): ContainerEntry => ({
      summary: { Id: id, Names: [`/${name}`], Image: 'x', ImageID: 'x', Command: '', Created: 0, Ports: [], Labels: null, State: state, Status: '' },
      status: state === 'running' ? { kind: 'running', startedAt: NOW - 5 * 60_000 } : { kind: 'exited', exitCode: 0, finishedAt: NOW - 3_600_000 },
    });
    const view = imageInspectView(tagged(), history(), [entry('b'.repeat(64), 'web', 'running'), entry('a'.repeat(64), 'api', 'exited')], ctx);
    assert.deepStrictEqual(tableOf(view, 'containers'), [
      ['api', 'Exited (0) About an hour ago'],
      ['web', 'Up 5 minutes'],
    ]);
    assert.deepStrictEqual(cell(view, 'containers', 0, 0).link, { kind: 'container', id: 'a'.repeat(64) });
    assert.ok(linksOf(view).has(`container:${'b'.repeat(64)}`));
  });

  it('an untagged image is titled by its short id', () => {
    const image = load<ImageInspect>('image-untagged.json');
    const view = imageInspectView(image, [], [], ctx, 'dockerdeck/fixture-old:1');
    assert.strictEqual(view.title, image.Id.slice(7, 19));
    const overview = fieldsOf(view, 'overview');
    assert.strictEqual(overview['Tags'], 'Untagged');
    assert.strictEqual(overview['Digests'], '—');
    assert.strictEqual(section(view, 'layers').empty, 'The engine keeps no history for this image.');
    assert.deepStrictEqual(tableOf(view, 'containers'), []);
    assert.deepStrictEqual(tableOf(view, 'labels'), [
      ['build', 'first'],
      ['org.dockerdeck.test', 'fx'],
    ]);
  });
});

describe('inspect summary: pieces', () => {
  it('tells secret-looking environment variables', () => {
    for (const name of ['DB_PASSWORD', 'api_token', 'SECRET', 'AWS_SECRET_ACCESS_KEY', 'GPG_KEY', 'MYSQL_PASS', 'GITHUB_AUTH', 'PRIVATE_PEM', 'PASSWD']) {
      assert.ok(isSecretEnv(name, 'x'), name);
    }
    for (const name of ['PATH', 'HOME', 'PWD', 'PASSAGE', 'AUTHOR', 'MODE']) assert.ok(!isSecretEnv(name, 'x'), name);
    assert.ok(isSecretEnv('DATABASE_URL', 'postgres://app:s3cret@db:5432/app'), 'a URL with a password');
    assert.ok(!isSecretEnv('DATABASE_URL', 'postgres://db:5432/app'));
  });

  it('reads layer instructions of both builders', () => {
    assert.strictEqual(layerInstruction({ CreatedBy: '/bin/sh -c #(nop) WORKDIR /srv', Comment: '' }), 'WORKDIR /srv');
    assert.strictEqual(layerInstruction({ CreatedBy: 'RUN /bin/sh -c apk add curl # buildkit', Comment: 'buildkit.dockerfile.v0' }), 'RUN /bin/sh -c apk add curl # buildkit');
    assert.strictEqual(layerInstruction({ CreatedBy: '', Comment: 'Imported from -' }), 'Imported from -');
  });
});
