import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createIdleClock,
  decideIdle,
  IdleController,
  type IdleView,
  markWarned,
  recordActivity,
  recordServerContact,
} from './idle-timer.ts';

const MIN = 60_000;

describe('decideIdle', () => {
  const start = 1_000_000;
  const clock = createIdleClock(15 * MIN, start);

  it.each([
    ['waits until one minute before the deadline', clock, start + 5 * MIN, { kind: 'wait', until: start + 14 * MIN }],
    [
      'warns in the last minute when nobody touched anything',
      clock,
      start + 14 * MIN,
      { kind: 'warn', expiresAt: start + 15 * MIN },
    ],
    ['expires at the deadline', clock, start + 15 * MIN, { kind: 'expire' }],
    [
      'refreshes quietly in the last minute if the person was active',
      recordActivity(clock, start + 3 * MIN),
      start + 14 * MIN,
      { kind: 'refresh' },
    ],
    [
      'still expires at the deadline even after activity (the server has timed out)',
      recordActivity(clock, start + 3 * MIN),
      start + 15 * MIN,
      { kind: 'expire' },
    ],
    [
      'keeps warning once warned, whatever the activity',
      recordActivity(markWarned(clock), start + 14.5 * MIN),
      start + 14.5 * MIN,
      { kind: 'warn', expiresAt: start + 15 * MIN },
    ],
    [
      'a server answer moves the deadline',
      recordServerContact(clock, start + 10 * MIN),
      start + 14 * MIN,
      { kind: 'wait', until: start + 24 * MIN },
    ],
  ] as const)('%s', (_name, state, now, expected) => {
    expect(decideIdle(state, now)).toEqual(expected);
  });

  it('gives short server timeouts half of the time as warning', () => {
    const short = createIdleClock(20_000, 0);
    expect(decideIdle(short, 0)).toEqual({ kind: 'wait', until: 10_000 });
  });

  it('lifts the warning only with server contact, which also ignores older contacts', () => {
    const warned = markWarned(clock);
    expect(recordActivity(warned, start + 1).isWarned).toBe(true);
    const stayed = recordServerContact(warned, start + 14 * MIN);
    expect(stayed.isWarned).toBe(false);
    expect(recordServerContact(stayed, start).contactAt).toBe(start + 14 * MIN);
  });
});

describe('IdleController', () => {
  let views: IdleView[];
  let expired: number;
  let refreshes: number;
  let refreshAnswer: () => Promise<boolean>;

  function controller(timeoutMs = 15 * MIN) {
    const c = new IdleController(timeoutMs, {
      onView: (view) => views.push(view),
      refresh: () => {
        refreshes += 1;
        return refreshAnswer();
      },
      onExpire: () => {
        expired += 1;
      },
    });
    c.start();
    return c;
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    views = [];
    expired = 0;
    refreshes = 0;
    refreshAnswer = () => Promise.resolve(true);
  });
  afterEach(() => vi.useRealTimers());

  it('shows the warning one minute before and signs out at the deadline without calling the server', () => {
    controller();
    vi.advanceTimersByTime(14 * MIN - 1);
    expect(views).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(views).toEqual([{ kind: 'warning', expiresAt: 15 * MIN }]);
    vi.advanceTimersByTime(MIN);
    expect(expired).toBe(1);
    expect(refreshes).toBe(0);
  });

  it('keeps an active person signed in with one quiet refresh, no warning', async () => {
    const c = controller();
    refreshAnswer = () => {
      c.serverContact(Date.now());
      return Promise.resolve(true);
    };
    vi.advanceTimersByTime(5 * MIN);
    c.activity();
    await vi.advanceTimersByTimeAsync(9 * MIN);
    expect(refreshes).toBe(1);
    expect(views).toEqual([]);
    // The new deadline counts from the refresh: no further activity, so a warning at 14 + 14 minutes.
    await vi.advanceTimersByTimeAsync(14 * MIN);
    expect(views).toEqual([{ kind: 'warning', expiresAt: 29 * MIN }]);
    expect(expired).toBe(0);
  });

  it('falls back to the warning when the quiet refresh fails', async () => {
    const c = controller();
    refreshAnswer = () => Promise.resolve(false);
    c.activity();
    vi.advanceTimersByTime(1);
    c.activity();
    await vi.advanceTimersByTimeAsync(14 * MIN);
    expect(refreshes).toBe(1);
    expect(views).toEqual([{ kind: 'warning', expiresAt: 15 * MIN }]);
  });

  it('Stay signed in (a server answer) hides the warning and restarts the clock', () => {
    const c = controller();
    vi.advanceTimersByTime(14 * MIN + 30_000);
    expect(views).toEqual([{ kind: 'warning', expiresAt: 15 * MIN }]);
    c.serverContact(Date.now());
    expect(views.at(-1)).toEqual({ kind: 'active' });
    vi.advanceTimersByTime(MIN);
    expect(expired).toBe(0);
  });

  it('expires at once when a throttled background tab comes back after the deadline', () => {
    const c = controller();
    vi.setSystemTime(16 * MIN); // the clock moved, but no timer ran
    expect(expired).toBe(0);
    c.activity();
    c.check();
    expect(expired).toBe(1);
  });

  it('does nothing after stop()', () => {
    const c = controller();
    c.stop();
    vi.advanceTimersByTime(30 * MIN);
    expect(views).toEqual([]);
    expect(expired).toBe(0);
  });
});
