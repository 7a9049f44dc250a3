import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  backToEnglish,
  collectPageErrors,
  DESKTOP,
  PHONE,
  screenshot,
  seriousAxeViolations,
  useBrowser,
} from './browser.ts';

// Issue 4, "Body-site picker (front/back body map, laterality)": a patient taps the places on a figure; the
// list controls beside it show the same choice, and the choice is saved with the draft.

const baseUrl = inject('baseUrl');
const browser = useBrowser();

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill('patient@demo.dermis.test');
  await page.getByLabel('Password', { exact: true }).fill('dermis-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('home-patient').waitFor();
}

/** Consent and a concern through the app, then straight to the body-site step of that draft. */
async function openBodySiteStep(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Start a new request' }).click();
  await page.getByRole('button', { name: 'I agree' }).click();
  await page.getByLabel('Lesion or mole').click();
  await page.getByLabel('Describe the concern in your own words.').fill('A mole on my arm.');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('heading', { name: 'About the problem', level: 1 }).waitFor();
  const caseId = /\/cases\/([0-9a-f-]{36})\/edit\//.exec(page.url())?.[1] ?? '';
  expect(caseId).not.toBe('');
  await page.goto(`${baseUrl}/cases/${caseId}/edit/body-sites`);
  await page.getByRole('heading', { name: 'Where on your body', level: 1 }).waitFor();
  return caseId;
}

const figure = (page: Page) => page.locator('svg.body-map-svg');
const region = (page: Page, name: string) => figure(page).getByRole('button', { name, exact: true });
const chosenList = (page: Page) => page.locator('.chosen-site-list li > span');

async function centreX(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box.x + box.width / 2;
}

describe('the body map on the body-site step', () => {
  let caseId = '';
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;

  it('on a phone: taps the left forearm from the front and the back from behind; the list follows and it is saved', async () => {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signIn(page);
    caseId = await openBodySiteStep(page);

    // Front view: the person faces us, so their left forearm is on the right of the screen.
    expect(await page.locator('.body-map-sides span').allTextContents()).toEqual(['Your right', 'Your left']);
    const leftForearm = region(page, 'Left forearm');
    const midline = await centreX(figure(page));
    expect(await centreX(leftForearm)).toBeGreaterThan(midline);
    expect(await centreX(region(page, 'Right forearm'))).toBeLessThan(midline);
    const box = await leftForearm.boundingBox();
    expect(Math.min(box?.width ?? 0, box?.height ?? 0)).toBeGreaterThanOrEqual(24);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await leftForearm.tap();
    await page.getByRole('button', { name: 'Remove Left forearm' }).waitFor();
    await expect.poll(() => leftForearm.getAttribute('aria-pressed')).toBe('true');
    expect(await region(page, 'Right forearm').getAttribute('aria-pressed')).toBe('false');

    // Back view: sides swap on the screen; the chosen forearm stays chosen.
    await page.getByRole('button', { name: 'Back view' }).tap();
    expect(await page.locator('.body-map-sides span').allTextContents()).toEqual(['Your left', 'Your right']);
    expect(await centreX(region(page, 'Left forearm'))).toBeLessThan(midline);
    expect(await region(page, 'Left forearm').getAttribute('aria-pressed')).toBe('true');
    await region(page, 'Back').tap();
    await page.getByRole('button', { name: 'Remove Back' }).waitFor();
    expect(await chosenList(page).allTextContents()).toEqual(['Left forearm', 'Back']);

    // The list changes the map too: one state.
    await page.getByRole('button', { name: 'Remove Back' }).tap();
    await expect.poll(() => region(page, 'Back').getAttribute('aria-pressed')).toBe('false');
    await region(page, 'Back').tap();
    await expect.poll(() => region(page, 'Back').getAttribute('aria-pressed')).toBe('true');
    expect(await chosenList(page).allTextContents()).toEqual(['Left forearm', 'Back']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'body-map-back-phone');
    await page.getByRole('button', { name: 'Front view' }).tap();
    await screenshot(page, 'body-map-front-phone');

    await page.getByRole('button', { name: 'Save and continue' }).tap();
    await page.getByRole('heading', { name: 'Photos', level: 1 }).waitFor();
    await page.goto(`${baseUrl}/cases/${caseId}/edit/body-sites`);
    await page.getByRole('heading', { name: 'Where on your body', level: 1 }).waitFor();
    await expect.poll(() => region(page, 'Left forearm').getAttribute('aria-pressed')).toBe('true');
    expect(await chosenList(page).allTextContents()).toEqual(['Left forearm', 'Back']);
    expect(errors).toEqual([]);
    signedIn = await context.storageState();
    await context.close();
  });

  it('on a desktop, with the keyboard and in Spanish: the figure sits beside the list', async () => {
    const context = await browser.current.newContext({ viewport: DESKTOP, storageState: signedIn });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/cases/${caseId}/edit/body-sites`);
    await page.getByRole('heading', { name: 'Where on your body', level: 1 }).waitFor();
    const mapBox = await figure(page).boundingBox();
    const listBox = await page.locator('.chosen-sites').boundingBox();
    expect((mapBox?.x ?? 0) + (mapBox?.width ?? 0)).toBeLessThanOrEqual(listBox?.x ?? 0);

    const rightHand = region(page, 'Right hand');
    await rightHand.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove Right hand' }).waitFor();
    expect(await rightHand.getAttribute('aria-pressed')).toBe('true');
    await rightHand.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Remove Right hand' }).waitFor({ state: 'detached' });
    expect(await rightHand.getAttribute('aria-pressed')).toBe('false');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'body-map-desktop');

    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Señale dónde está el problema' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.locator('.body-map-sides span').allTextContents()).toEqual(['Su derecha', 'Su izquierda']);
    expect(await region(page, 'Antebrazo, lado izquierdo').getAttribute('aria-pressed')).toBe('true');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'body-map-desktop-es');
    await backToEnglish(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
