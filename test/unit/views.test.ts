import * as assert from 'assert';
import type { ContainerStateKind } from '../../src/core/containerState';
import { ContainerEntry, groupContainers, imageLabelFor, isRunning, matchesFilter, sortContainers, visibleContainers } from '../../src/core/containerView';
import { ago, formatAllPorts, formatPublishedPorts, humanSize } from '../../src/core/format';
import { layoutImages, splitTag } from '../../src/core/imageView';
import type { ImageSummary } from '../../src/core/model';

function entry(name: string, kind: ContainerStateKind, opts: { created?: number; image?: string; imageId?: string; project?: string; exitCode?: number } = {}): ContainerEntry {
  return {
    summary: {
      Id: `${name}`.padEnd(64, '0'),
      Names: [`/${name}`],
      Image: opts.image ?? 'busybox',
      ImageID: opts.imageId ?? 'sha256:aaa',
      Command: 'sh',
      Created: opts.created ?? 0,
      Ports: [],
      Labels: opts.project ? { 'com.docker.compose.project': opts.project } : {},
      State: kind,
      Status: '',
    },
    status: { kind, exitCode: opts.exitCode },
  };
}

function image(id: string, tags: string[] | null, created = 0, size = 1000): ImageSummary {
  return { Id: id, RepoTags: tags, RepoDigests: [], Created: created, Size: size, Labels: null };
}

describe('the containers view arrangement', () => {
  const all = [
    entry('web', 'running', { created: 3, image: 'nginx:1', imageId: 'sha256:n', project: 'shop' }),
    entry('db', 'exited', { created: 2, image: 'postgres', imageId: 'sha256:p', project: 'shop', exitCode: 1 }),
    entry('cache', 'paused', { created: 1, image: 'nginx:1', imageId: 'sha256:n' }),
    entry('job', 'restarting', { created: 4 }),
    entry('fresh', 'created', { created: 5 }),
  ];

  it('running only means what docker ps shows: running, paused, restarting', () => {
    assert.deepStrictEqual(all.filter(isRunning).map((e) => e.summary.Names[0]), ['/web', '/cache', '/job']);
    assert.strictEqual(visibleContainers(all, { runningOnly: true, filter: '' }).length, 3);
    assert.strictEqual(visibleContainers(all, { runningOnly: false, filter: '' }).length, 5);
  });

  it('filters by name, image, or the start of the id', () => {
    assert.ok(matchesFilter(all[0], 'WE'));
    assert.ok(matchesFilter(all[1], 'postg'));
    assert.ok(matchesFilter(all[0], 'web0'), 'id prefix');
    assert.ok(!matchesFilter(all[0], 'eb0'), 'not the middle of an id');
    assert.deepStrictEqual(visibleContainers(all, { runningOnly: false, filter: 'nginx' }).map((e) => e.summary.Names[0]), ['/web', '/cache']);
  });

  it('sorts by created (newest first), name or state', () => {
    const names = (list: ContainerEntry[]) => list.map((e) => e.summary.Names[0].slice(1));
    assert.deepStrictEqual(names(sortContainers([...all], 'created')), ['fresh', 'job', 'web', 'db', 'cache']);
    assert.deepStrictEqual(names(sortContainers([...all], 'name')), ['cache', 'db', 'fresh', 'job', 'web']);
    assert.deepStrictEqual(names(sortContainers([...all], 'state')), ['job', 'web', 'cache', 'fresh', 'db']);
  });

  it('groups by image (one image, many containers), by compose project, by state', () => {
    const images = new Map([['sha256:n', image('sha256:n', ['nginx:1'])]]);
    const byImage = groupContainers(sortContainers([...all], 'name'), 'image', images);
    const nginx = byImage.find((g) => g.label === 'nginx:1')!;
    assert.deepStrictEqual(nginx.entries.map((e) => e.summary.Names[0]), ['/cache', '/web']);
    assert.strictEqual(nginx.key, 'image:sha256:n');
    const byProject = groupContainers([...all], 'compose', images);
    assert.deepStrictEqual(byProject.map((g) => g.label), ['shop', 'Not in a Compose project']);
    const byState = groupContainers([...all], 'state', images);
    assert.deepStrictEqual(byState.map((g) => g.label), ['Restarting', 'Running', 'Paused', 'Created', 'Exited']);
  });

  it('names an image group by its tag, else by what the container was made from', () => {
    assert.strictEqual(imageLabelFor(entry('x', 'running', { image: 'sha256:' + 'f'.repeat(64), imageId: 'sha256:z' }), new Map()), 'f'.repeat(12));
    assert.strictEqual(imageLabelFor(entry('x', 'running', { image: 'busybox', imageId: 'sha256:z' }), new Map([['sha256:z', image('sha256:z', ['<none>:<none>'])]])), 'busybox');
  });
});

describe('the images view arrangement', () => {
  it('groups by repository, a row per tag, newest first; untagged apart', () => {
    const layout = layoutImages([
      image('sha256:1', ['nginx:1.27', 'nginx:latest', 'localhost:5000/nginx:1.27'], 10),
      image('sha256:2', ['nginx:1.25'], 5),
      image('sha256:3', ['<none>:<none>'], 20),
      image('sha256:4', null, 1),
      image('sha256:5', ['docker.io/library/alpine:3'], 1),
    ]);
    assert.deepStrictEqual(layout.repositories.map((r) => r.name), ['alpine', 'localhost:5000/nginx', 'nginx']);
    assert.deepStrictEqual(layout.repositories[2].tags.map((t) => t.tag), ['1.27', 'latest', '1.25']);
    assert.deepStrictEqual(layout.dangling.map((i) => i.Id), ['sha256:3', 'sha256:4']);
  });

  it('splits repo:tag like docker images', () => {
    assert.deepStrictEqual(splitTag('localhost:5000/a/b:1'), { repository: 'localhost:5000/a/b', tag: '1' });
    assert.deepStrictEqual(splitTag('ubuntu'), { repository: 'ubuntu', tag: 'latest' });
  });
});

describe('numbers and ports as docker prints them', () => {
  it('sizes in decimal units', () => {
    assert.strictEqual(humanSize(0), '0B');
    assert.strictEqual(humanSize(999), '999B');
    assert.strictEqual(humanSize(1_982_381), '1.982MB');
    assert.strictEqual(humanSize(77_800_000), '77.8MB');
    assert.strictEqual(humanSize(1_500_000_000), '1.5GB');
  });

  it('ages', () => {
    assert.strictEqual(ago(1000, 1000 * 1000 + 7200_000), '2 hours ago');
  });

  it('published ports: one entry per binding, IPv4 and IPv6 wildcards merged, unpublished left out', () => {
    const ports = [
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '127.0.0.1', PrivatePort: 443, PublicPort: 8443, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'udp' },
    ];
    assert.deepStrictEqual(formatPublishedPorts(ports), ['8080→80/tcp', '127.0.0.1:8443→443/tcp']);
    assert.strictEqual(formatAllPorts(ports), '0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 127.0.0.1:8443->443/tcp, 9000/udp');
  });
});
