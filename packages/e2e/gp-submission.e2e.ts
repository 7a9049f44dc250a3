import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { backToEnglish, collectPageErrors, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { authenticatorCode, DEMO, DEMO_PASSWORD } from './totp.ts';

// Advice & Guidance (issue 4): a GP sends a case for a patient who has no Dermis login, on a phone.

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const browser = useBrowser();
const GP = DEMO.referringClinician;
const SOURCES = path.resolve(import.meta.dirname, '../../../shared/data/image-quality/sources');

async function answer(page: Page, question: string, option: string) {
  const name = new RegExp(`^${question.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  await page.getByRole('group', { name }).getByLabel(option, { exact: true }).tap();
}

async function continueTo(page: Page, heading: string) {
  await page.getByRole('button', { name: 'Save and continue' }).tap();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
}

async function waitForReceivedEmail(to: string) {
  const dir = path.join(dataDir, 'mail');
  for (let i = 0; i < 150; i++) {
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const mail = await simpleParser(fs.readFileSync(path.join(dir, file)));
      if (JSON.stringify(mail.to ?? '').includes(to) && mail.subject === 'We received your Advice & Guidance request') {
        return mail;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no "received" email to ${to}`);
}

describe('a GP sends a case for a patient from a phone', () => {
  it('signs in with TOTP, enters and checks the patient, attests consent, answers the intake, adds a photo, sends, gets the receipt and the email', async () => {
    const context = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(GP.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    const code = page.getByLabel('Authentication code');
    await code.fill(authenticatorCode(GP.totp));
    await code.press('Enter');
    await page.getByTestId('home-referring_clinician').waitFor();
    await page.getByText('Clinical responsibility for the patient stays with you.', { exact: false }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'gp-home-phone');

    // Patient details and attestation: every problem is shown at once, in plain words.
    await page.getByRole('link', { name: 'New case for a patient' }).tap();
    await page.getByRole('heading', { name: 'Patient details', level: 1 }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();
    await page.getByText('Check the details marked below.').waitFor();
    expect(await page.getByText('Enter the name.').count()).toBe(2);
    await page.getByText('Enter a valid date of birth.').waitFor();
    await page.getByText('Enter the patient’s NHS number or local record number.').waitFor();
    await page.getByText('Confirm the patient’s consent to continue.').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('Given name').fill('Jane');
    await page.getByLabel('Family name').fill('Doe');
    await page.getByLabel('Date of birth').fill('1970-03-14');
    // A mistyped NHS number (last digit) fails the Modulus 11 check on the phone, before anything is sent.
    const nhsNumber = page.getByRole('textbox', { name: 'NHS number' });
    await nhsNumber.fill('943 476 5918');
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();
    await page.getByText('This is not a valid NHS number. Check each digit.').waitFor();
    expect(await nhsNumber.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'gp-details-errors-phone');
    await nhsNumber.fill('943 476 5919');
    await page.getByText('Read the consent:', { exact: false }).tap();
    await page.getByLabel(/I confirm that the patient .* agrees to it/).tap();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'gp-details-phone');
    await page.getByRole('button', { name: 'Continue', exact: true }).tap();

    // The same wizard as patients, captioned with the patient's name.
    await page.getByRole('heading', { name: 'Your concern', level: 1 }).waitFor();
    await page.getByText('New case for Jane Doe').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel('Lesion or mole').tap();
    await page.getByLabel('Describe the concern in your own words.').fill('Pigmented lesion, left forearm, darker.');
    await continueTo(page, 'About the problem');
    await page.getByText(/^Case DRM-\d{4}-\d+ for Jane Doe$/).waitFor();
    await page.getByText('Answer for your patient', { exact: false }).waitFor();

    await page.getByLabel(/When did you first notice it/).fill('2026-08-01');
    await page.getByLabel('Growing quickly, over days or weeks').tap();
    await answer(page, 'Does it bleed or crust?', 'No');
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
    await continueTo(page, 'Medicines and allergies');
    await answer(page, 'Do you use any medicines', 'No');
    await answer(page, 'Are you allergic to anything', 'No');
    await continueTo(page, 'About you');
    await page.getByLabel('Type II: usually burns, tans minimally').tap();
    await answer(page, 'Do you have a weakened immune system', 'No');
    await answer(page, 'Have you ever had a sunburn that blistered?', 'No');
    await answer(page, 'Have you ever used sunbeds?', 'No');
    await answer(page, 'Do you, or did you for years, spend most days outdoors', 'No');
    await continueTo(page, 'Where on your body');

    await page.getByText('Choose every place on the patient’s body', { exact: false }).waitFor();
    await page.getByLabel('Which side of the forearm?').selectOption('left');
    await page.getByRole('button', { name: 'Add Forearm' }).tap();
    await page.getByRole('button', { name: 'Remove Left forearm' }).waitFor();
    await continueTo(page, 'Photos');

    const photo = await sharp(path.join(SOURCES, 'scipy-raccoon.jpg')).jpeg({ quality: 92 }).toBuffer();
    await page.getByLabel('Take photo: Close-up, Left forearm', { exact: true }).setInputFiles({
      name: 'IMG_0101.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await page
      .getByRole('region', { name: 'Left forearm', exact: true })
      .getByText(/^✓ Sent$/)
      .waitFor({ timeout: 30_000 });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await continueTo(page, 'Check and send');

    // Review: the responsibility stays with the GP, said before sending.
    await page
      .getByRole('complementary', { name: 'Clinical responsibility' })
      .getByText(/stays with you/)
      .waitFor();
    await page
      .getByRole('region', { name: 'Photos' })
      .getByRole('img', { name: 'Close-up photo of Left forearm' })
      .waitFor();
    await screenshot(page, 'gp-review-phone');
    await page.getByRole('button', { name: 'Send to a dermatologist' }).tap();

    await page.getByTestId('case-receipt').waitFor();
    const caseNumber = (await page.getByTestId('receipt-case-number').textContent())?.trim() ?? '';
    expect(caseNumber).toMatch(/^DRM-\d{4}-\d+$/);
    await page.getByText(/advice will come back to you/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'gp-receipt-phone');

    // The GP's list names the patient; the case page shows who the patient is.
    await page.getByRole('link', { name: 'Back to your requests' }).tap();
    const row = page.getByTestId('case-list').getByRole('listitem').filter({ hasText: caseNumber });
    await row.getByText(/^Jane Doe, born/).waitFor();
    await row.getByText('Sent, waiting for a dermatologist').waitFor();
    await screenshot(page, 'gp-home-with-case-phone');
    await row.getByRole('link', { name: `View case ${caseNumber}` }).tap();
    const patientPanel = page.getByTestId('case-patient');
    await patientPanel.getByText('943 476 5919').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'gp-case-phone');
    expect(errors).toEqual([]);

    // The "received" email goes to the GP and names no patient, case, concern or site.
    const mail = await waitForReceivedEmail(GP.email);
    const body = `${mail.subject}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
    expect(body).toContain('clinical responsibility stays with you');
    for (const phi of ['Jane', 'Doe', '1970', '9434765919', '943 476 5919', caseNumber, 'forearm', 'Pigmented']) {
      expect(body).not.toContain(phi);
    }

    // In Spanish: the same page and its messages.
    await page.getByRole('link', { name: 'Back to your requests' }).tap();
    await page.getByRole('button', { name: 'Español' }).tap();
    await page.getByRole('link', { name: 'Nuevo caso para un paciente' }).tap();
    await page.getByRole('heading', { name: 'Datos del paciente', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Continuar', exact: true }).tap();
    expect(await page.getByText('Introduzca el nombre.').count()).toBe(2);
    await page.getByText('Confirme el consentimiento del paciente para continuar.').waitFor();
    await page.getByText('La responsabilidad clínica del paciente sigue siendo suya.', { exact: false }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'gp-details-es-phone');
    await backToEnglish(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
