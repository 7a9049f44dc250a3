import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, DESKTOP, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { DEMO, signInStaff } from './totp.ts';

// The dermatologist's queue (issue 5, "Triage and queue"): the demo seed's cases, urgent first with their
// reasons; claim one, see it become yours, filter by priority with counts; on a desktop and on a phone.

const baseUrl = inject('baseUrl');
const browser = useBrowser();

const signInDermatologist = (page: Page) => signInStaff(page, baseUrl, DEMO.dermatologist, 'home-dermatologist');

const cards = (page: Page) => page.getByTestId('queue-card');

async function badges(page: Page): Promise<string[]> {
  return cards(page).locator('.priority-badge').allTextContents();
}

describe('a dermatologist works the review queue', () => {
  it('sees urgent cases first with their reasons, claims one and filters by priority', async () => {
    const context = await browser.current.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInDermatologist(page);
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await cards(page).first().waitFor();

    // Urgent first: no urgent badge after the first non-urgent one.
    const order = await badges(page);
    expect(order[0]).toBe('Urgent');
    const firstOther = order.findIndex((b) => b !== 'Urgent');
    expect(firstOther).toBeGreaterThan(0);
    expect(order.slice(firstOther)).not.toContain('Urgent');
    // The demo's oldest urgent case is a rash with fever; its reason is shown in words, with no name or photo.
    const first = cards(page).first();
    await first.getByText('Rash with fever.').waitFor();
    expect(await first.textContent()).not.toMatch(/Tom|Becker/);
    expect(await first.locator('img').count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'review-queue-desktop');

    // Claim the first unclaimed case: it becomes the dermatologist's, with Open and Release.
    const claim = page.getByRole('button', { name: /^Claim case / }).first();
    const number = (await claim.getAttribute('aria-label'))!.replace('Claim case ', '');
    await claim.click();
    await page.getByRole('link', { name: `Open case ${number}` }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // "Claimed by me" shows its count and lists it.
    const reviewFilter = page.getByLabel('Review status');
    const options = await reviewFilter.locator('option').allTextContents();
    expect(options.some((o) => /^Claimed by me \([1-9]\d*\)$/.test(o))).toBe(true);
    await reviewFilter.selectOption('mine');
    await page.getByRole('link', { name: `Open case ${number}` }).waitFor();
    await expect.poll(async () => (await cards(page).locator('.queue-claimed-other').count()) === 0).toBe(true);

    // Urgent only: every card is urgent.
    await reviewFilter.selectOption('');
    await page.getByLabel('Priority').selectOption('urgent');
    await expect.poll(async () => (await badges(page)).every((b) => b === 'Urgent')).toBe(true);

    // Release it back for the next journey.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: `Release case ${number} back to the queue` }).click();
    await page.getByRole('button', { name: `Claim case ${number}` }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the queue works on a phone: nothing overflows sideways, axe-clean, a lost race for a case is explained', async () => {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInDermatologist(page);
    await cards(page).first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'review-queue-phone');

    // Someone else claims the case between the page load and the tap: the server's 409 is explained in words
    // and the card shows the case as taken (the answer is replayed here; the race itself is an integration test).
    await page.route('**/api/review/cases/*/claim', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://dermis.dev/problems/case-already-claimed',
          title: 'Another dermatologist has already claimed this case.',
          status: 409,
          code: 'CASE_ALREADY_CLAIMED',
        }),
      }),
    );
    const claim = page.getByRole('button', { name: /^Claim case / }).first();
    const number = (await claim.getAttribute('aria-label'))!.replace('Claim case ', '');
    const card = cards(page).filter({ hasText: `Case ${number}` });
    await claim.tap();
    await card.getByRole('alert').getByText('Someone else claimed this case a moment ago.', { exact: false }).waitFor();
    await card.getByText('Claimed by another dermatologist.').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });
});
