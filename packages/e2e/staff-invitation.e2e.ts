import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { authenticatorCode, DEMO, DEMO_PASSWORD } from './totp.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const browser = useBrowser();

/** The embedded mailer writes .eml files; wait for the one sent to `to`. */
async function waitForEmail(to: string) {
  const dir = path.join(dataDir, 'mail');
  for (let i = 0; i < 100; i++) {
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const mail = await simpleParser(fs.readFileSync(path.join(dir, file)));
      if (mail.to && JSON.stringify(mail.to).includes(to)) return mail;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to}`);
}

describe('an admin invites a dermatologist, who sets a password and enrols an authenticator', () => {
  it('works end to end through the invitation email', async () => {
    const context = await browser.current.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(DEMO.admin.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Authentication code');
    await code.fill(authenticatorCode(DEMO.admin.totp));
    await code.press('Enter');
    await page.getByTestId('home-admin').waitFor();

    await page.getByRole('link', { name: 'Users' }).first().click();
    const email = `new.derm.${Date.now()}@example.org`;
    await page.getByLabel('Full name').fill('Dr Nadia Haddad');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Role').selectOption('dermatologist');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users-desktop');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();

    const mail = await waitForEmail(email);
    expect(mail.text).not.toContain('Nadia');
    const link = mail.text?.match(/https?:\/\/\S+\/reset-password#\S+/)?.[0];
    expect(link).toBeDefined();
    // The link names the server's public URL; open the same path and fragment on this test server.
    const url = new URL(link!);
    await page.goto(`${baseUrl}${url.pathname}${url.hash}`);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    const password = 'copper kettle on the stove';
    await page.getByLabel('New password').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password is set. Sign in to continue.').waitFor();

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('img', { name: 'QR code to add Dermis to your authenticator app' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'enrol-second-factor-desktop');
    const secret = (await page.locator('code.setup-key-value').textContent()) ?? '';
    const enrolCode = page.getByLabel('Authentication code');
    await enrolCode.fill(authenticatorCode(secret));
    await enrolCode.press('Enter');
    await page.getByTestId('home-dermatologist').waitFor();
    await context.close();
  });
});
