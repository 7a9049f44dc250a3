import { currentTotpCode } from '../../src/modules/auth/totp.ts';

/** A six-digit code that is none of the codes accepted at `now` (current step ± 1): surely wrong. */
export function wrongCodeFor(secret: string, now: Date): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => currentTotpCode(secret, new Date(now.getTime() + d))));
  let n = Number(currentTotpCode(secret, now));
  for (;;) {
    n = (n + 1) % 1_000_000;
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
