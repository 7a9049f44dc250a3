import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, DESKTOP, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { authenticatorCode, DEMO, DEMO_PASSWORD, enterCodeUntilHome } from './totp.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('a dermatologist signs in with password and authenticator code', () => {
  it('lands on the review queue; every page on the way passes axe', async () => {
    const context = await browser.current.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(baseUrl);
    await expect.poll(() => page.url()).toContain('/sign-in');
    await page.getByLabel('Email').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-desktop');

    await page.getByLabel('Email').fill(DEMO.dermatologist.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const code = page.getByLabel('Authentication code');
    await code.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A wrong code is refused with a message, and the page stays.
    await code.fill('000000');
    await code.press('Enter');
    await page.getByText('That code is not valid.', { exact: false }).waitFor();
    // The field is marked invalid and points at the message, so a screen reader reads it on focus.
    expect(await code.getAttribute('aria-invalid')).toBe('true');

    // The right code (the next one, if another journey just used this one); the message goes away.
    await enterCodeUntilHome(page, DEMO.dermatologist, 'home-dermatologist');
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'home-dermatologist-desktop');

    // The session cookie is invisible to scripts.
    expect(await page.evaluate(() => document.cookie)).not.toContain('dermis_session');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    await page.goto(`${baseUrl}/`);
    await expect.poll(() => page.url()).toContain('/sign-in');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the staff sign-in works on a phone-sized screen', async () => {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(DEMO.auditor.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    const code = page.getByLabel('Authentication code');
    await code.fill(authenticatorCode(DEMO.auditor.totp));
    await code.press('Enter');
    await page.getByTestId('home-auditor').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Nothing overflows sideways on a 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'home-auditor-phone');
    await context.close();
  });
});
