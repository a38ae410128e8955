import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextRun } from './next-run.ts';

/** A task that records what it saw of `state` when it started, and ends when released. */
function recorder() {
  const seen: number[] = [];
  const releases: (() => void)[] = [];
  let state = 0;
  const task = () => {
    seen.push(state);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return { seen, release: () => releases.shift()?.(), set: (n: number) => (state = n), task };
}

describe('nextRun', () => {
  test('should serve callers arriving during a run with one run after it, which sees what they did before calling', async () => {
    const r = recorder();
    const run = nextRun(r.task);
    const first = run();
    r.set(1);
    const second = run();
    r.set(2);
    const third = run();
    assert.equal(second, third, 'callers arriving during a run share the next one');
    assert.deepEqual(r.seen, [0], 'the next run waits for the current one');
    r.release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(r.seen, [0, 2], 'one run for both, started after both called');
    r.release();
    await third;
    assert.equal(r.seen.length, 2);
  });

  test('should start a run at once when none is in progress, and again after a failed one', async () => {
    let runs = 0;
    const run = nextRun(async () => {
      runs++;
      if (runs === 1) throw new Error('database gone');
    });
    await assert.rejects(run(), /database gone/);
    await run();
    await run();
    assert.equal(runs, 3);
  });

  test('should start the next run even when the current one fails, and give its callers that run’s outcome', async () => {
    const r = recorder();
    let fail = true;
    const run = nextRun(() => {
      const p = r.task();
      return fail ? p.then(() => Promise.reject(new Error('first run failed'))) : p;
    });
    const first = run();
    const second = run();
    fail = false;
    r.release();
    await assert.rejects(first, /first run failed/);
    await new Promise((resolve) => setImmediate(resolve));
    r.release();
    await second;
    assert.equal(r.seen.length, 2);
  });
});
