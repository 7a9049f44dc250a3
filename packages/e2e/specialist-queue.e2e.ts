import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { callApi } from './journey-steps.ts';
import { DEMO, signInStaff } from './totp.ts';

// Specialist escalation (issue 6), the specialist's side so far: the dermatologist escalates a claimed case to
// dermatopathology (through the API, the escalate dialog is not built yet); the dermatopathologist signs in with a
// second factor, sees the question, concern, age group and urgency only (no name, no photo) and claims it.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const DERMPATH = { email: 'dermpath@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPPATHDEMOAAAAAAAA' };
const QUESTION = 'Journey: does the network pattern need excision?';

describe('a specialist works the escalation queue', () => {
  it('sees an escalation with the question only, claims it, on a phone, axe-clean', async () => {
    const dermContext = await browser.current.newContext();
    const derm = await dermContext.newPage();
    await signInStaff(derm, baseUrl, DEMO.dermatologist, 'home-dermatologist');
    const claim = derm.getByRole('button', { name: /^Claim case / }).first();
    const number = (await claim.getAttribute('aria-label'))!.replace('Claim case ', '');
    await claim.click();
    const open = derm.getByRole('link', { name: `Open case ${number}` });
    await open.waitFor();
    const caseId = (await open.getAttribute('href'))!.split('/').at(-1)!;
    const escalated = await callApi(derm, 'POST', `/api/review/cases/${caseId}/escalations`, {
      specialistType: 'dermatopathology',
      question: QUESTION,
    });
    expect(escalated.status).toBe(201);

    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInStaff(page, baseUrl, DERMPATH, 'home-specialist');
    const entry = page.getByTestId('specialist-queue-entry').filter({ hasText: QUESTION });
    await entry.waitFor();
    expect(await entry.locator('img').count()).toBe(0);
    expect(await entry.textContent()).not.toContain(number);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'specialist-queue-phone');

    await entry.getByRole('button', { name: 'Claim' }).tap();
    const mine = page.getByRole('region', { name: 'My escalations' });
    await mine.getByText(QUESTION).waitFor();
    await mine.getByText('Claimed by you, not answered yet').first().waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // Leave the demo as it was for other journeys: withdraw the escalation, release the case.
    expect((await callApi(derm, 'POST', `/api/review/escalations/${escalated.json.id}/withdraw`)).status).toBe(200);
    expect((await callApi(derm, 'POST', `/api/review/cases/${caseId}/release`)).status).toBe(200);
    await context.close();
    await dermContext.close();
  });
});
