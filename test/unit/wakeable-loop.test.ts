import { describe, expect, it } from 'vitest';
import { startWakeableLoop } from '../../src/server/lib/wakeable-loop.js';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` holds (the loop runs on timers and immediates), failing after two seconds. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 2) {
    if (waited > 2_000) throw new Error('the loop never got there');
    await tick(2);
  }
}

describe('a wakeable loop', () => {
  it('runs at once, at each wake, once more for a wake during a run, and never two at a time', async () => {
    let runs = 0;
    let running = 0;
    let overlapped = false;
    let release: (() => void) | null = null;
    const loop = startWakeableLoop(
      async () => {
        runs += 1;
        running += 1;
        if (running > 1) overlapped = true;
        if (runs === 2) await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
        return false;
      },
      60_000,
      () => {},
    );
    await until(() => runs === 1);
    loop.wake();
    await until(() => runs === 2);
    // Woken three times while the second run waits: one more run, not three.
    loop.wake();
    loop.wake();
    loop.wake();
    (release as (() => void) | null)?.();
    await until(() => runs === 3);
    await tick(20);
    expect(runs).toBe(3);
    expect(overlapped).toBe(false);
    await loop.stop();
    loop.wake();
    await tick();
    expect(runs).toBe(3);
  });

  it('runs again straight away while work is left, polls when idle, and reports a failing step', async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const loop = startWakeableLoop(
      async () => {
        runs += 1;
        if (runs === 4) throw new Error('database away');
        return runs < 3;
      },
      20,
      (err) => errors.push(err),
    );
    await until(() => runs >= 3);
    // Work was left twice, then none: the third run came at once, the fourth waits for the poll.
    await until(() => runs >= 5);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain('database away');
    await loop.stop();
  });
});
