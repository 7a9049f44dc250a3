import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('a patient signs up on a phone and signs in again', () => {
  it('creates an account, reaches their home, signs out and back in', async () => {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const email = `e2e.patient.${Date.now()}@example.org`;
    const password = 'walking by the river at dawn';

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Create a patient account' }).tap();
    await page.getByLabel('Given name').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A too-short password is caught before anything is sent.
    await page.getByLabel('Given name').fill('Ana');
    await page.getByLabel('Family name').fill('Pérez');
    await page.getByLabel('Date of birth').fill('1988-04-09');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).tap();
    await page.getByText('The password must have at least 12 characters.').first().waitFor();

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).tap();
    await page.getByTestId('home-patient').waitFor();
    await page.getByRole('heading', { name: 'Your cases' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'home-patient-phone');

    await page.getByRole('button', { name: 'Sign out' }).tap();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.getByTestId('home-patient').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the sign-in page speaks Spanish when asked', async () => {
    const context = await browser.current.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
