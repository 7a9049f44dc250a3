/**
 * The client's picture of the server's idle timeout. The server restarts its idle clock on every
 * request it sees; the browser never polls in the background (that would keep a session open
 * forever), so the client keeps its own clock:
 *  - `contactAt`: when the last successful request started (the server saw it a little later);
 *  - `activityAt`: the last key press, pointer press or return to the tab.
 * Shortly before the server's deadline: if the person has been active since the last request, one
 * request refreshes the session quietly; otherwise a warning asks them to stay.
 */
export const DEFAULT_WARNING_MS = 60_000;

export interface IdleClock {
  readonly timeoutMs: number;
  readonly warningMs: number;
  readonly contactAt: number;
  readonly activityAt: number;
  /** Once warned, only an answer from the server (the Stay button) lifts the warning. */
  readonly isWarned: boolean;
}

export type IdleDecision =
  | { kind: 'wait'; until: number }
  | { kind: 'refresh' }
  | { kind: 'warn'; expiresAt: number }
  | { kind: 'expire' };

export function createIdleClock(timeoutMs: number, now: number, warningMs = DEFAULT_WARNING_MS): IdleClock {
  // A short server timeout (tests, demos) still leaves the second half for the warning.
  const warning = Math.min(warningMs, Math.floor(timeoutMs / 2));
  return { timeoutMs, warningMs: warning, contactAt: now, activityAt: now, isWarned: false };
}

export function recordActivity(clock: IdleClock, now: number): IdleClock {
  return clock.isWarned ? clock : { ...clock, activityAt: Math.max(clock.activityAt, now) };
}

export function recordServerContact(clock: IdleClock, startedAt: number): IdleClock {
  return { ...clock, contactAt: Math.max(clock.contactAt, startedAt), isWarned: false };
}

export function markWarned(clock: IdleClock): IdleClock {
  return { ...clock, isWarned: true };
}

export function decideIdle(clock: IdleClock, now: number): IdleDecision {
  const expiresAt = clock.contactAt + clock.timeoutMs;
  const warnAt = expiresAt - clock.warningMs;
  if (now >= expiresAt) return { kind: 'expire' };
  if (now < warnAt) return { kind: 'wait', until: warnAt };
  if (!clock.isWarned && clock.activityAt > clock.contactAt) return { kind: 'refresh' };
  return { kind: 'warn', expiresAt };
}

export type IdleView = { kind: 'active' } | { kind: 'warning'; expiresAt: number };

export interface IdleCallbacks {
  /** The warning appeared or went away. */
  onView: (view: IdleView) => void;
  /** Touch the server (GET /api/auth/session). Resolves true if it answered. */
  refresh: () => Promise<boolean>;
  onExpire: () => void;
}

// setTimeout stores delays in 32 bits; longer waits are re-checked.
const MAX_DELAY_MS = 2_147_483_647;

/** Runs the clock with one timer; `now` and the timer functions are injectable for tests. */
export class IdleController {
  private clock: IdleClock;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private view: IdleView = { kind: 'active' };
  private isRefreshing = false;
  private isStopped = false;
  private readonly callbacks: IdleCallbacks;
  private readonly now: () => number;

  constructor(timeoutMs: number, callbacks: IdleCallbacks, now: () => number = Date.now, warningMs?: number) {
    this.callbacks = callbacks;
    this.now = now;
    this.clock = createIdleClock(timeoutMs, now(), warningMs);
  }

  start(): void {
    this.evaluate();
  }

  stop(): void {
    this.isStopped = true;
    clearTimeout(this.timer);
  }

  activity(): void {
    this.clock = recordActivity(this.clock, this.now());
  }

  serverContact(startedAt: number): void {
    this.clock = recordServerContact(this.clock, startedAt);
    this.evaluate();
  }

  /** Re-check at once, e.g. when the tab becomes visible again after timers were throttled. */
  check(): void {
    this.evaluate();
  }

  private setView(view: IdleView): void {
    const isSame =
      view.kind === this.view.kind &&
      (view.kind === 'active' || (this.view.kind === 'warning' && this.view.expiresAt === view.expiresAt));
    this.view = view;
    if (!isSame) this.callbacks.onView(view);
  }

  private schedule(at: number): void {
    const delay = Math.min(Math.max(at - this.now(), 0), MAX_DELAY_MS);
    this.timer = setTimeout(() => this.evaluate(), delay);
  }

  private evaluate(): void {
    if (this.isStopped) return;
    clearTimeout(this.timer);
    const decision = decideIdle(this.clock, this.now());
    switch (decision.kind) {
      case 'wait':
        this.setView({ kind: 'active' });
        this.schedule(decision.until);
        return;
      case 'refresh':
        // If the refresh never answers, the deadline still applies.
        this.schedule(this.clock.contactAt + this.clock.timeoutMs);
        this.refreshQuietly();
        return;
      case 'warn':
        this.clock = markWarned(this.clock);
        this.setView({ kind: 'warning', expiresAt: decision.expiresAt });
        this.schedule(decision.expiresAt);
        return;
      case 'expire':
        this.stop();
        this.callbacks.onExpire();
        return;
    }
  }

  private refreshQuietly(): void {
    if (this.isRefreshing) return;
    this.isRefreshing = true;
    this.callbacks.refresh().then(
      (isAnswered) => this.afterRefresh(isAnswered),
      () => this.afterRefresh(false),
    );
  }

  private afterRefresh(isAnswered: boolean): void {
    this.isRefreshing = false;
    // A successful refresh has already moved the clock through serverContact(); a failed one
    // falls back to asking the person.
    if (!isAnswered) this.clock = markWarned(this.clock);
    this.evaluate();
  }
}
