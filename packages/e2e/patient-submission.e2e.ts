import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const browser = useBrowser();

/** Answers a yes/no question by its (start of) text. */
async function answer(page: Page, question: string, option: string) {
  const name = new RegExp(`^${question.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  await page.getByRole('group', { name }).getByLabel(option, { exact: true }).tap();
}

async function continueTo(page: Page, heading: string) {
  await page.getByRole('button', { name: 'Save and continue' }).tap();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const SOURCES = path.resolve(repoRoot, '../shared/data/image-quality/sources');
const PATIENT = 'patient@demo.dermis.test';

/** Two photos of the same scene: one far out of focus (σ 8 px), one sharp; both made here, no fixtures. */
async function makePhotos() {
  const source = path.join(SOURCES, 'scipy-raccoon.jpg');
  const sharpPhoto = await sharp(source).jpeg({ quality: 92 }).toBuffer();
  const blurred = await sharp(source).blur(8).jpeg({ quality: 92 }).toBuffer();
  return { sharpPhoto, blurred };
}

/** The "received" email the e2e server wrote as .eml to <dataDir>/mail. */
async function waitForReceivedEmail(to: string) {
  const dir = path.join(dataDir, 'mail');
  for (let i = 0; i < 150; i++) {
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const mail = await simpleParser(fs.readFileSync(path.join(dir, file)));
      if (JSON.stringify(mail.to ?? '').includes(to) && mail.subject === 'We received your request') return mail;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no "received" email to ${to}`);
}

/** The camera input of a view (phones: "Take photo"/"Retake photo"; it has capture="environment"). */
function cameraInput(page: Page, action: string, view: string, site: string) {
  return page.getByLabel(`${action}: ${view}, ${site}`, { exact: true });
}

describe('a patient sends a case from a phone', () => {
  it('gives consent, answers the lesion branch, adds two sites, retakes a blurred photo, sends, gets a receipt and an email', async () => {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill('patient@demo.dermis.test');
    await page.getByLabel('Password', { exact: true }).fill('dermis-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.getByTestId('home-patient').waitFor();

    // Consent: the emergency advice is shown before anything else is asked.
    await page.getByRole('link', { name: 'Start a new request' }).tap();
    await page.getByRole('button', { name: 'I agree' }).waitFor();
    await page
      .getByRole('complementary', { name: 'Emergency' })
      .getByText(/call 911/)
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I agree' }).tap();

    // Concern: nothing chosen yet is caught on the page, with the server's error wording.
    await page.getByRole('heading', { name: 'Your concern', level: 1 }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save and continue' }).tap();
    await page.getByText('Answer this question.').first().waitFor();
    await page.getByLabel('Lesion or mole').tap();
    await page.getByLabel('Describe the concern in your own words.').fill('A mole on my forearm that got darker.');
    await continueTo(page, 'About the problem');
    const caseId = /\/cases\/([0-9a-f-]{36})\/edit\//.exec(page.url())?.[1];
    expect(caseId).toBeDefined();

    // Lesion branch: "unhealed for 4 weeks" appears only once bleeding is answered yes.
    await page.getByLabel(/When did you first notice it/).fill('2026-08-01');
    await page.getByLabel('Growing quickly, over days or weeks').tap();
    await expect(page.getByText(/stayed unhealed/).count()).resolves.toBe(0);
    await answer(page, 'Does it bleed or crust?', 'Yes');
    await answer(page, 'Has the bleeding or crusted area stayed unhealed', 'No');
    for (const question of [
      'Has its colour changed?',
      'Does it itch?',
      'Is it painful or tender?',
      'Has a doctor ever taken a sample',
      'Have you ever had melanoma?',
      'Have you ever had another skin cancer',
      'Has a parent, brother, sister or child had melanoma?',
      'Has a parent, brother, sister or child had another skin cancer?',
      'Are you putting any cream',
    ]) {
      await answer(page, question, 'No');
    }
    await screenshot(page, 'submission-history-phone');
    await continueTo(page, 'Medicines and allergies');

    await answer(page, 'Do you use any medicines', 'Yes');
    await page.getByLabel('Name of the medicine').fill('Hydrocortisone 1%');
    await page.getByLabel('Over-the-counter cream, ointment or lotion').tap();
    await page.getByLabel('Number').fill('3');
    await page.getByLabel('Unit').selectOption('wk');
    await answer(page, 'Are you using it for this skin concern?', 'No');
    await answer(page, 'Are you allergic to anything', 'No');
    await continueTo(page, 'About you');

    await page.getByLabel('Type III: sometimes burns mildly, tans gradually').tap();
    await answer(page, 'Do you have a weakened immune system', 'No');
    await answer(page, 'Have you ever had a sunburn that blistered?', 'Yes');
    await answer(page, 'Have you ever used sunbeds?', 'No');
    await answer(page, 'Do you, or did you for years, spend most days outdoors', 'No');
    await continueTo(page, 'Where on your body');

    // Two sites, one with a side.
    await page.getByLabel('Which side of the forearm?').selectOption('left');
    await page.getByRole('button', { name: 'Add Forearm' }).tap();
    await page.getByRole('button', { name: 'Remove Left forearm' }).waitFor();
    await page.getByRole('button', { name: 'Add Back' }).tap();
    await page.getByRole('button', { name: 'Remove Back' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await continueTo(page, 'Photos');

    // Photos: dermatology guidance, and per view a camera input and a library input.
    await page.getByRole('heading', { name: 'How to take a good skin photo' }).waitFor();
    await page.getByText(/coin or a ruler/).waitFor();
    const { sharpPhoto, blurred } = await makePhotos();
    const forearmCloseUp = cameraInput(page, 'Take photo', 'Close-up', 'Left forearm');
    expect(await forearmCloseUp.getAttribute('capture')).toBe('environment');
    expect(await forearmCloseUp.getAttribute('accept')).toBe('image/jpeg,image/png,image/webp,image/heic,image/heif');
    const library = page.getByLabel('Choose from library: Close-up, Left forearm', { exact: true });
    expect(await library.getAttribute('capture')).toBeNull();

    // A blurred photo is refused on the phone, before upload, with what is wrong and how to retake it.
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/uploads') && request.method() === 'POST') uploads.push(request.url());
    });
    await forearmCloseUp.setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: blurred });
    const closeUpSlot = (site: string) =>
      page.getByRole('region', { name: site, exact: true }).getByTestId(/^photo-slot-.*:close_up$/);
    const forearmSlot = closeUpSlot('Left forearm');
    await forearmSlot.getByText('This photo cannot be sent. Please take it again.').waitFor();
    await forearmSlot.getByText('Too blurry.').waitFor();
    await forearmSlot.getByText(/tap the spot on the screen to focus/).waitFor();
    expect(uploads).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'submission-photo-rejected-phone');

    // Sending without photos is stopped on the page.
    await page.getByRole('button', { name: 'Save and continue' }).tap();
    await page.getByText(/Add at least one photo for every body site/).waitFor();

    // Retake with a sharp photo: checked, uploaded over tus with a progress bar, then shown as sent.
    await cameraInput(page, 'Retake photo', 'Close-up', 'Left forearm').setInputFiles({
      name: 'IMG_0002.jpg',
      mimeType: 'image/jpeg',
      buffer: sharpPhoto,
    });
    await forearmSlot.getByText(/^✓ Sent$/).waitFor({ timeout: 30_000 });
    await forearmSlot.getByRole('img', { name: 'Close-up photo of Left forearm' }).waitFor();
    await cameraInput(page, 'Take photo', 'Close-up', 'Back').setInputFiles({
      name: 'IMG_0003.jpg',
      mimeType: 'image/jpeg',
      buffer: sharpPhoto,
    });
    await closeUpSlot('Back')
      .getByText(/^✓ Sent$/)
      .waitFor({ timeout: 30_000 });
    expect(uploads).toHaveLength(2);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'submission-photos-phone');
    await continueTo(page, 'Check and send');

    // The review shows each site's photos (thumbnails through signed links).
    const photosReview = page.getByRole('region', { name: 'Photos' });
    await photosReview.getByRole('img', { name: 'Close-up photo of Left forearm' }).waitFor();
    await photosReview.getByRole('img', { name: 'Close-up photo of Back' }).waitFor();
    expect(await photosReview.getByText('1 photo').count()).toBe(2);
    const thumbnail = photosReview.getByRole('img', { name: 'Close-up photo of Back' });
    await expect
      .poll(() =>
        thumbnail.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
      )
      .toBeGreaterThan(0);

    const review = page.getByRole('region', { name: 'About the problem' });
    await review.getByText('Growing quickly, over days or weeks').waitFor();
    await page.getByRole('region', { name: 'Where on your body' }).getByText('Left forearm').waitFor();
    await screenshot(page, 'submission-review-phone');

    await page.getByRole('button', { name: 'Send to a dermatologist' }).tap();
    await page.getByTestId('case-receipt').waitFor();
    const caseNumber = (await page.getByTestId('receipt-case-number').textContent())?.trim() ?? '';
    expect(caseNumber).toMatch(/^DRM-\d{4}-\d+$/);
    await page.getByText(/call 911/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'submission-receipt-phone');

    await page.getByRole('link', { name: 'Back to your requests' }).tap();
    const row = page.getByTestId('case-list').getByRole('listitem').filter({ hasText: caseNumber });
    await row.getByText('Sent, waiting for a dermatologist').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // The "received" email arrives and says nothing about the case: no concern, site, answer or case number.
    const mail = await waitForReceivedEmail(PATIENT);
    const body = `${mail.subject}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
    for (const phi of [
      caseNumber,
      'mole',
      'forearm',
      'Forearm',
      'Back',
      'Hydrocortisone',
      'melanoma',
      caseId as string,
    ]) {
      expect(body).not.toContain(phi);
    }
    expect(mail.attachments).toEqual([]);
    await context.close();
  });
});
