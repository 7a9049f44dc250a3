import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Debian's Chromium, headless, with no background traffic (the machine has no internet). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Serious and critical axe-core violations on the current page (WCAG 2.x A/AA and best practice). */
export async function seriousAxeViolations(page: Page) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const SHOTS = process.env.E2E_SCREENSHOTS || path.join(import.meta.dirname, '../../.tmp/screenshots');

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Every CSP violation or uncaught error the page reports fails the journey. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/401|404|Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** One browser for a test file: launched before its tests, closed after. */
export function useBrowser(): { readonly current: Browser } {
  const holder = {} as { current: Browser };
  beforeAll(async () => {
    holder.current = await launchBrowser();
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/**
 * Switches a signed-in user back to English and waits until the server has stored it. The language is kept on
 * the account, so a journey that tries Spanish must undo it, or the next journey signing in as the same demo
 * account meets Spanish labels.
 */
export async function backToEnglish(page: Page): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/me/locale') && r.request().method() === 'PUT' && r.status() < 300,
  );
  await page.getByRole('button', { name: 'English' }).click();
  await saved;
}
