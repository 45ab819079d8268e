import * as assert from 'assert';
import {
  containerContextValue,
  describeStatus,
  humanDuration,
  parseContainerStatus,
  parseHumanDuration,
  stateLook,
  statusFromInspect,
} from '../../src/core/containerState';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('container state as people read it', () => {
  it('reads the status texts the engine lists (seen on dockerd 20.10)', () => {
    assert.deepStrictEqual(parseContainerStatus('running', 'Up 5 minutes', NOW), { kind: 'running', startedAt: NOW - 5 * MIN });
    assert.deepStrictEqual(parseContainerStatus('running', 'Up Less than a second (health: starting)', NOW), { kind: 'running', startedAt: NOW, health: 'starting' });
    assert.deepStrictEqual(parseContainerStatus('running', 'Up 4 seconds (healthy)', NOW), { kind: 'running', startedAt: NOW - 4000, health: 'healthy' });
    assert.deepStrictEqual(parseContainerStatus('running', 'Up About an hour (unhealthy)', NOW), { kind: 'running', startedAt: NOW - HOUR, health: 'unhealthy' });
    assert.deepStrictEqual(parseContainerStatus('paused', 'Up 3 seconds (Paused)', NOW), { kind: 'paused', startedAt: NOW - 3000 });
    assert.deepStrictEqual(parseContainerStatus('exited', 'Exited (137) 2 hours ago', NOW), { kind: 'exited', exitCode: 137, finishedAt: NOW - 2 * HOUR });
    assert.deepStrictEqual(parseContainerStatus('restarting', 'Restarting (1) Less than a second ago', NOW), { kind: 'restarting', exitCode: 1, finishedAt: NOW });
    assert.deepStrictEqual(parseContainerStatus('created', 'Created', NOW), { kind: 'created' });
    assert.deepStrictEqual(parseContainerStatus('dead', 'Dead', NOW), { kind: 'dead' });
    assert.deepStrictEqual(parseContainerStatus('removing', 'Removal In Progress', NOW), { kind: 'removing' });
    assert.strictEqual(parseContainerStatus('', 'Up 2 days (Paused)', NOW).kind, 'paused', 'falls back on the text when the state is unknown');
  });

  it('turns docker durations back into times and writes them again the same way', () => {
    const samples = ['Less than a second', '1 second', '59 seconds', 'About a minute', '45 minutes', 'About an hour', '47 hours', '13 days', '8 weeks', '23 months', '3 years'];
    for (const text of samples) assert.strictEqual(humanDuration(parseHumanDuration(text)), text);
    assert.strictEqual(parseHumanDuration('nonsense'), 0);
  });

  it('writes the status anew at draw time, so "Up" moves on without asking the engine', () => {
    const s = parseContainerStatus('running', 'Up 5 minutes', NOW);
    assert.strictEqual(describeStatus(s, NOW), 'Up 5 minutes');
    assert.strictEqual(describeStatus(s, NOW + 55 * MIN), 'Up About an hour');
    assert.strictEqual(describeStatus(parseContainerStatus('exited', 'Exited (3) 10 seconds ago', NOW), NOW + 20_000), 'Exited (3) 30 seconds ago');
    assert.strictEqual(describeStatus({ kind: 'paused' }, NOW), 'Paused');
    assert.strictEqual(describeStatus({ kind: 'running', health: 'unhealthy', startedAt: NOW }, NOW), 'Up Less than a second (unhealthy)');
  });

  it('gives every state its own look and a context value menus can match', () => {
    assert.strictEqual(stateLook({ kind: 'exited', exitCode: 0 }), 'exited');
    assert.strictEqual(stateLook({ kind: 'exited', exitCode: 137 }), 'exitedError');
    assert.strictEqual(stateLook({ kind: 'running', health: 'healthy' }), 'healthy');
    assert.strictEqual(stateLook({ kind: 'running', health: 'starting' }), 'healthStarting');
    assert.strictEqual(stateLook({ kind: 'paused' }), 'paused');
    assert.strictEqual(containerContextValue('running'), 'runningContainer');
    assert.strictEqual(containerContextValue('exited'), 'exitedContainer');
  });

  it('reads exact times from docker inspect', () => {
    const s = statusFromInspect({
      Status: 'exited', Running: false, Paused: false, Restarting: false, Dead: false, ExitCode: 2,
      StartedAt: '2026-11-28T11:00:00.5Z', FinishedAt: '2026-11-28T11:59:00Z', Health: { Status: 'unhealthy' },
    });
    assert.deepStrictEqual(s, { kind: 'exited', health: 'unhealthy', exitCode: 2, startedAt: Date.parse('2026-11-28T11:00:00.5Z'), finishedAt: Date.parse('2026-11-28T11:59:00Z') });
    const created = statusFromInspect({ Status: 'created', Running: false, Paused: false, Restarting: false, Dead: false, ExitCode: 0, StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' });
    assert.strictEqual(created.startedAt, undefined, 'the zero time means never');
  });
});
