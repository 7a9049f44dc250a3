import { describe, expect, inject, it } from 'vitest';
import { PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { DEMO_PASSWORD } from './totp.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

// Web push in a real Chromium. This machine has no network, so the browser's own push service (FCM) cannot be
// reached: the journey checks what a person sees when the browser refuses, and when it cannot subscribe. Delivery
// itself is tested against a push service on the server side (modules/notifications/push.int.test.ts).
describe('notifications on this device (Account page)', () => {
  async function openAccount(permissions: string[]) {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    if (permissions.length) await context.grantPermissions(permissions, { origin: baseUrl });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill('patient@demo.dermis.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.getByTestId('home-patient').waitFor();
    await page.getByRole('link', { name: 'Account' }).tap();
    const section = page.getByTestId('push-settings');
    await section.getByText('We also email you', { exact: false }).waitFor();
    return { context, page, section };
  }

  it('explains a browser that does not allow notifications, and offers no button that cannot work', async () => {
    const { context, page, section } = await openAccount([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await section.getByRole('button', { name: 'Turn on notifications' }).tap();
    await section.getByText('We will still email you', { exact: false }).waitFor();
    expect(await section.getByRole('button').count()).toBe(0);
    await screenshot(page, 'push-blocked-phone');
    await context.close();
  });

  it('says so when the browser allows notifications but cannot subscribe (no push service reachable)', async () => {
    const { context, page, section } = await openAccount(['notifications']);
    await section.getByRole('button', { name: 'Turn on notifications' }).tap();
    await section.getByRole('alert').waitFor();
    expect(await section.getByRole('alert').textContent()).toContain('This browser could not turn notifications on.');
    // still off, and the person can try again
    await section.getByRole('button', { name: 'Turn on notifications' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'push-failed-phone');
    await context.close();
  });
});
