import path from 'node:path';
import { CURRENT_CONSENT_VERSION } from '@dermis/core';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
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
import { callApi, signInDermatologist as signInDermatologistStep, submitCaseByApi } from './journey-steps.ts';

// The dermatologist's case view (issue 5, "Case view"): claim, open, zoom with the keyboard, annotate for the
// patient, reload and find the annotation again; on a desktop and on a phone.

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const TABLET = { width: 820, height: 1180 };
const SOURCE = path.resolve(import.meta.dirname, '../../../shared/data/image-quality/sources/scipy-raccoon.jpg');

const signInDermatologist = (page: Page) => signInDermatologistStep(page, baseUrl);

async function openCase(page: Page, caseId: string) {
  await page.goto(`${baseUrl}/review/cases/${caseId}`);
  await page.getByTestId('case-review-page').waitFor();
  await expect
    .poll(() => page.getByTestId('deep-zoom-viewer').getAttribute('data-open'), { timeout: 20_000 })
    .toBe('true');
}

describe('a dermatologist reviews a claimed case', () => {
  let caseId = '';

  it('claims a case, zooms with the keyboard, annotates a region for the patient and finds it after a reload', async () => {
    const photo = (await sharp(SOURCE).jpeg({ quality: 92 }).toBuffer()).toString('base64');
    const patientContext = await browser.current.newContext({ viewport: DESKTOP });
    const patient = await patientContext.newPage();
    await patient.goto(`${baseUrl}/sign-in`);
    const signup = await callApi(patient, 'POST', '/api/auth/signup', {
      email: `case.review.${Date.now()}@example.org`,
      password: 'a long passphrase for review',
      givenName: 'Rowan',
      familyName: 'Ashby',
      birthDate: '1971-02-03',
    });
    expect(signup.status).toBe(201);
    expect((await callApi(patient, 'POST', '/api/consents', { version: CURRENT_CONSENT_VERSION })).status).toBe(201);
    const earlierId = await submitCaseByApi(patient, photo);
    caseId = await submitCaseByApi(patient, photo, 2);
    await patientContext.close();

    const context = await browser.current.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInDermatologist(page);
    expect((await callApi(page, 'POST', `/api/review/cases/${caseId}/claim`)).status).toBe(200);
    await openCase(page, caseId);

    await page.getByRole('heading', { name: /Case DRM-/ }).waitFor();
    await page.getByText('Rowan Ashby').waitFor();
    await page.getByTestId('red-flags').getByText('Lesion bleeds or crusts', { exact: false }).waitFor();
    await page.getByTestId('earlier-cases').getByText(/DRM-/).waitFor();
    const comparison = page.getByTestId('site-comparison');
    await comparison.getByRole('img', { name: /This case, photo 2, taken/ }).waitFor();
    await comparison.getByRole('img', { name: /Case DRM-.*taken/ }).waitFor();
    expect(earlierId).not.toBe(caseId);

    // Keyboard: the photo takes focus (with a visible ring), + zooms in, arrows pan.
    const canvas = page.locator('.viewer-canvas');
    await canvas.focus();
    expect(await canvas.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    const before = Number(await page.getByTestId('deep-zoom-viewer').getAttribute('data-zoom'));
    await page.keyboard.press('Equal');
    await page.keyboard.press('Equal');
    await expect
      .poll(async () => Number(await page.getByTestId('deep-zoom-viewer').getAttribute('data-zoom')))
      .toBeGreaterThan(before);
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('button', { name: 'Whole photo' }).click();

    // Draw a rectangle with the pointer, write the note, show it to the patient, save.
    await page.getByLabel('Draw a rectangle').check();
    const stage = await page.getByTestId('deep-zoom-viewer').boundingBox();
    if (!stage) throw new Error('the viewer has no box');
    const cx = stage.x + stage.width / 2;
    const cy = stage.y + stage.height / 2;
    await page.mouse.move(cx - 60, cy - 40);
    await page.mouse.down();
    await page.mouse.move(cx, cy, { steps: 5 });
    await page.mouse.move(cx + 60, cy + 40, { steps: 5 });
    await page.mouse.up();
    await page.getByLabel('Note').fill('Asymmetric pigment network; compare at follow-up.');
    await page.getByLabel('Show to the patient').check();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'case-review-drawing-desktop');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    const item = page.getByTestId('annotation-item');
    await item.getByText('Asymmetric pigment network').waitFor();
    expect(await item.getByTestId('annotation-visibility').textContent()).toBe('Show to the patient');
    await expect.poll(() => page.locator('.region-rectangle.region-patient').count()).toBe(1);

    // A polygon with the pointer: three corners, then Finish shape; kept for clinicians only.
    await page.getByLabel('Draw a polygon').check();
    for (const [dx, dy] of [
      [-80, 60],
      [0, 100],
      [80, 60],
    ] as const)
      await page.mouse.click(cx + dx, cy + dy);
    await page.getByRole('button', { name: 'Finish shape' }).click();
    await page.getByLabel('Note').fill('Satellite papules');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await expect.poll(() => page.getByTestId('annotation-item').count()).toBe(2);
    await expect.poll(() => page.locator('.region-polygon.region-clinician_only').count()).toBe(1);

    // Without a pointer: a point at the centre of the view, then edited and deleted from the list.
    await page.getByLabel('Move and zoom').check();
    await page.getByRole('button', { name: 'Point at the centre of the view' }).click();
    await page.keyboard.type('Punctum');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await page.getByTestId('annotation-item').getByText('Punctum').waitFor();
    await page.getByRole('button', { name: 'Edit annotation 3' }).click();
    await page.getByLabel('Note').fill('Central punctum');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await page.getByTestId('annotation-item').getByText('Central punctum').waitFor();
    await page.getByRole('button', { name: 'Delete annotation 3' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('annotation-item').count()).toBe(2);

    await page.reload();
    await page.getByTestId('case-review-page').waitFor();
    await page.getByTestId('annotation-item').getByText('Asymmetric pigment network').waitFor();
    expect(await page.getByTestId('annotation-visibility').allTextContents()).toEqual([
      'Show to the patient',
      'Clinicians only',
    ]);
    await expect.poll(() => page.locator('.region-rectangle.region-patient').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'case-review-desktop');
    expect(errors).toEqual([]);

    // The same case on a tablet and a phone: the viewer and the list fit, nothing overflows sideways.
    for (const [name, viewport] of [
      ['tablet', TABLET],
      ['phone', PHONE],
    ] as const) {
      const small = await browser.current.newContext({
        viewport,
        isMobile: true,
        hasTouch: true,
        storageState: await context.storageState(),
      });
      const smallPage = await small.newPage();
      const smallErrors = collectPageErrors(smallPage);
      await openCase(smallPage, caseId);
      await expect.poll(() => smallPage.getByTestId('annotation-item').count()).toBe(2);
      expect(await smallPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await seriousAxeViolations(smallPage)).toEqual([]);
      await screenshot(smallPage, `case-review-${name}`);
      expect(smallErrors).toEqual([]);
      await small.close();
    }

    // Failures: an image that does not load offers to load it again; a save that fails keeps the note.
    await page.route('**/api/images/*.m.*', (route) => route.fulfill({ status: 403, body: '' }));
    await page.reload();
    await page.getByText('The photo could not be loaded.').waitFor();
    await page.unroute('**/api/images/*.m.*');
    await page.getByRole('button', { name: 'Load the photo again' }).click();
    await expect.poll(() => page.getByTestId('deep-zoom-viewer').getAttribute('data-open')).toBe('true');
    await page.route('**/api/photos/*/annotations', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 500,
            contentType: 'application/problem+json',
            body: JSON.stringify({ status: 500, code: 'INTERNAL', title: 'Something went wrong on our side.' }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: 'Point at the centre of the view' }).click();
    await page.getByLabel('Note').fill('Kept after a failed save');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe('Kept after a failed save');
    await page.unroute('**/api/photos/*/annotations');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await expect.poll(() => page.getByTestId('annotation-item').count()).toBe(3);

    // "Show" zooms the viewer to an annotation from the list.
    const zoomBefore = Number(await page.getByTestId('deep-zoom-viewer').getAttribute('data-zoom'));
    await page.getByRole('button', { name: 'Show annotation 1 on the photo' }).click();
    await expect
      .poll(async () => Number(await page.getByTestId('deep-zoom-viewer').getAttribute('data-zoom')))
      .toBeGreaterThan(zoomBefore);

    // Thumbnails open the other photo in the viewer; the URL keeps it across a reload.
    await page.getByRole('button', { name: /Photo 2 of 2/ }).click();
    await page.getByText('No annotations on this photo yet.').waitFor();
    await expect.poll(() => page.url()).toContain('photo=');
    await page.reload();
    await page.getByText('No annotations on this photo yet.').waitFor();
    expect(await page.getByRole('button', { name: /Photo 2 of 2/ }).getAttribute('aria-pressed')).toBe('true');

    // The earlier photo of the same site opens in a deep-zoom viewer of its own.
    await page.getByRole('button', { name: /Zoom into Case DRM-/ }).click();
    const zoomed = page.getByTestId('comparison-zoom');
    await expect.poll(() => zoomed.getByTestId('deep-zoom-viewer').getAttribute('data-open')).toBe('true');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await zoomed.getByRole('button', { name: 'Close' }).click();
    expect(await zoomed.count()).toBe(0);

    // In Spanish: the case, the summary and the tools.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: /Caso DRM-/ }).waitFor();
    await page.getByRole('heading', { name: 'Resumen clínico' }).waitFor();
    await page.getByLabel('Dibujar un rectángulo').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'case-review-desktop-es');
    await backToEnglish(page);
    await context.close();
  });
});
