import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';

/** What the person's authenticator app would show now. */
export function authenticatorCode(secretBase32: string): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32.replace(/\s+/g, '')), digits: 6, period: 30 }).generate();
}

export const DEMO_PASSWORD = 'dermis-demo-2026';
export const DEMO = {
  referringClinician: { email: 'gp@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPGPDEMOAAAAAAAAAA' },
  dermatologist: { email: 'derm@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPDERMDEMOAAAAAAAA' },
  admin: { email: 'admin@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPADMINDEMOAAAAAAA' },
  auditor: { email: 'auditor@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPAUDITDEMOAAAAAAA' },
} as const;

/**
 * Signs a staff member in with password and authenticator code and waits for their home page. A code is accepted
 * once: when another journey signed in as the same demo account in this 30-second step, the code is refused and
 * this waits for the next one, as a person would.
 */
export async function signInStaff(
  page: Page,
  baseUrl: string,
  account: { email: string; totp: string },
  homeTestId: string,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await enterCodeUntilHome(page, account, homeTestId);
}

/**
 * Types the authenticator's current code on the second-factor page until the home page shows. A code is accepted
 * once: when another journey signed in as the same demo account in this 30-second step, the code is refused and
 * this waits for the next one, as a person would.
 */
export async function enterCodeUntilHome(
  page: Page,
  account: { email: string; totp: string },
  homeTestId: string,
): Promise<void> {
  const code = page.getByLabel('Authentication code');
  for (let attempt = 0; attempt < 2; attempt++) {
    await code.fill(authenticatorCode(account.totp));
    await code.press('Enter');
    const outcome = await Promise.race([
      page
        .getByTestId(homeTestId)
        .waitFor()
        .then(() => 'home'),
      page
        .getByText('That code is not valid.', { exact: false })
        .waitFor()
        .then(() => 'refused'),
    ]);
    if (outcome === 'home') return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error(`${account.email} could not sign in`);
}
