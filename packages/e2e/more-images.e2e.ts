import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, PHONE, screenshot, seriousAxeViolations, useBrowser } from './browser.ts';
import { callApi, signInDermatologist, signUpPatientByApi, submitCaseByApi } from './journey-steps.ts';

// More images (issue 5): the dermatologist asks for a close-up with an instruction and signs; the patient, on a
// phone, sees the request on the case page, takes exactly that photo (checked on the phone), sends it; the case is
// back in the same dermatologist's queue, marked as having new photos.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const SOURCE = path.resolve(import.meta.dirname, '../../../shared/data/image-quality/sources/scipy-raccoon.jpg');
const INSTRUCTION = 'Very close, in daylight, so the edge of the mole is sharp.';

async function requestCloseUp(derm: Page, caseId: string) {
  expect((await callApi(derm, 'POST', `/api/review/cases/${caseId}/claim`)).status).toBe(200);
  const draft = await callApi(derm, 'PUT', `/api/cases/${caseId}/response-draft`, {
    version: 0,
    content: {
      disposition: 'additional_images_requested',
      narrative: 'Thank you. I need one more photo before I can answer.',
      medication: null,
      imageRequests: [{ site: '14975008', laterality: 'left', view: 'close_up', instruction: INSTRUCTION }],
      carePlan: 'none',
    },
  });
  expect(draft.status, JSON.stringify(draft.json)).toBe(200);
  const signed = await callApi(derm, 'POST', `/api/cases/${caseId}/response/sign`, { version: draft.json.version });
  expect(signed.status, JSON.stringify(signed.json)).toBe(201);
}

describe('the dermatologist asks for more photos and gets them', () => {
  it('the patient re-submits the requested close-up from a phone and the case returns to the queue', async () => {
    const photo = await sharp(SOURCE).jpeg({ quality: 92 }).toBuffer();
    const blurred = await sharp(SOURCE).blur(8).jpeg({ quality: 92 }).toBuffer();

    const patientContext = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const patient = await patientContext.newPage();
    const errors = collectPageErrors(patient);
    await signUpPatientByApi(patient, baseUrl, { givenName: 'Marlo', familyName: 'Quince' });
    const caseId = await submitCaseByApi(patient, photo.toString('base64'));

    const dermContext = await browser.current.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const derm = await dermContext.newPage();
    await signInDermatologist(derm, baseUrl);
    await requestCloseUp(derm, caseId);
    // The dermatologist's case view says the case waits for the patient, and since when.
    await derm.goto(`${baseUrl}/review/cases/${caseId}`);
    await derm
      .getByTestId('waiting-for-patient')
      .getByText(/^Waiting 0 minutes/)
      .waitFor();

    // The case page says what is needed and leads to the guided re-submission.
    await patient.goto(`${baseUrl}/cases/${caseId}`);
    const notice = patient.getByTestId('photos-requested');
    await notice.getByRole('heading', { name: 'The dermatologist needs more photos' }).waitFor();
    await notice.getByText('Left forearm: Close-up').waitFor();
    expect(await seriousAxeViolations(patient)).toEqual([]);
    await screenshot(patient, 'more-images-case-page-phone');
    await notice.getByRole('link', { name: 'Take the requested photos' }).tap();

    // Exactly the requested photo, with the dermatologist's words; nothing else to take.
    await patient.getByRole('heading', { name: /More photos for case DRM-/ }).waitFor();
    const slot = patient.getByRole('region', { name: 'Left forearm' });
    await slot.getByText(INSTRUCTION).waitFor();
    expect(await patient.getByTestId(/^photo-slot-/).count()).toBe(1);
    expect(await seriousAxeViolations(patient)).toEqual([]);

    // Sending before the photo is there is stopped on the page.
    await patient.getByRole('button', { name: 'Send the new photos' }).tap();
    await patient.getByText(/Add at least one photo for every photo the dermatologist asked for/).waitFor();

    // A blurred photo is refused on the phone, before upload; a sharp one is checked, uploaded and shown as sent.
    const camera = (action: string) => patient.getByLabel(`${action}: Close-up, Left forearm`, { exact: true });
    await camera('Take photo').setInputFiles({ name: 'IMG_0101.jpg', mimeType: 'image/jpeg', buffer: blurred });
    await slot.getByText('This photo cannot be sent. Please take it again.').waitFor();
    await camera('Retake photo').setInputFiles({ name: 'IMG_0102.jpg', mimeType: 'image/jpeg', buffer: photo });
    await slot.getByText(/^✓ Sent$/).waitFor({ timeout: 30_000 });
    expect(await seriousAxeViolations(patient)).toEqual([]);
    await screenshot(patient, 'more-images-resubmission-phone');

    // In Spanish: the same request, the dermatologist's words as written.
    await patient.getByRole('button', { name: 'Español' }).tap();
    await patient.getByRole('heading', { name: /Más fotos para el caso DRM-/ }).waitFor();
    await patient.getByRole('button', { name: 'Enviar las fotos nuevas' }).waitFor();
    const slotEs = patient.getByRole('region', { name: 'Antebrazo, lado izquierdo' });
    await slotEs.getByRole('heading', { name: 'De cerca' }).waitFor();
    await slotEs.getByText(INSTRUCTION).waitFor();
    expect(await seriousAxeViolations(patient)).toEqual([]);
    await screenshot(patient, 'more-images-resubmission-es-phone');
    await patient.getByRole('button', { name: 'English' }).tap();

    // A send lost on the way is explained and nothing is lost; sending again reuses the Idempotency-Key.
    const keys: string[] = [];
    await patient.route('**/api/cases/*/photo-requests/send', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 503, code: 'INTERNAL', title: 'Something went wrong on our side.' }),
      });
    });
    await patient.getByRole('button', { name: 'Send the new photos' }).tap();
    await patient.getByRole('alert').getByText('Something went wrong on our side. Please try again.').waitFor();
    await slot.getByText(/^✓ Sent$/).waitFor();
    await patient.getByRole('button', { name: 'Send the new photos' }).tap();
    await patient.getByRole('heading', { name: 'Your new photos were sent' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await seriousAxeViolations(patient)).toEqual([]);
    await screenshot(patient, 'more-images-sent-phone');
    expect(await patient.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // Back on the case page: nothing more to send, the case is with the dermatologist again.
    await patient.getByRole('link', { name: 'Back to the case' }).tap();
    await patient.getByTestId('case-status').getByText('A dermatologist is looking at it').waitFor();
    expect(await patient.getByTestId('photos-requested').count()).toBe(0);
    expect(errors).toEqual([]);

    // The same dermatologist finds it in "Claimed by me", marked as having new photos.
    await derm.goto(`${baseUrl}/`);
    await derm.getByLabel('Review status').selectOption('mine');
    const number = (await callApi(derm, 'GET', `/api/review/cases/${caseId}/view`)).json.caseNumber as string;
    const card = derm.getByTestId('queue-card').filter({ hasText: number });
    await card.getByTestId('queue-new-photos').getByText('New photos arrived').waitFor();
    await card.getByRole('link', { name: `Open case ${number}` }).waitFor();
    expect(await seriousAxeViolations(derm)).toEqual([]);
    await screenshot(derm, 'more-images-queue-phone');
    await patientContext.close();
    await dermContext.close();
  });
});
