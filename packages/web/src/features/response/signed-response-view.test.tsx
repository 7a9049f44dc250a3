import type { SignedResponse } from '@dermis/core';
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import es from '../../i18n/es.json';
import { DraftConflict } from './draft-conflict.tsx';
import { SignedResponseView } from './signed-response-view.tsx';

const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

const caseId = '0b8a3a0e-3a55-4c2c-9d3e-1f7f5d0b1a01';
const signed: SignedResponse = {
  id: '5f0e1d2c-3b4a-4958-8776-655443322110',
  sequence: 1,
  disposition: 'prescription_generated',
  narrative: 'Use the cream for two weeks.',
  medication: {
    name: 'Hydrocortisone 1% cream',
    code: null,
    dose: 'A thin layer',
    route: 'topical',
    frequency: 'Twice daily',
    durationDays: 14,
    quantity: { value: 30, unit: 'g' },
    instructions: 'Affected skin only.',
  },
  requestedPhotos: [],
  carePlan: {
    id: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
    source: 'generated',
    byteSize: 2048,
    createdAt: '2026-11-25T10:00:00.000Z',
  },
  signedAt: '2026-11-25T10:00:00.000Z',
  signedByName: 'Dr Sam Okafor',
  amendments: [
    {
      id: '4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f80',
      reason: 'Dose',
      text: 'Once daily is enough.',
      authorName: 'Dr Sam Okafor',
      createdAt: '2026-11-25T11:00:00.000Z',
    },
  ],
};

const render = (node: React.ReactNode, language = 'en') => {
  void i18n.changeLanguage(language);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
};

describe('SignedResponseView', () => {
  it('shows the disposition, narrative, medication, care-plan link and the amendment after the original', () => {
    const html = render(<SignedResponseView caseId={caseId} response={signed} />);
    expect(html).toContain('Prescription generated');
    expect(html).toContain('Use the cream for two weeks.');
    expect(html).toContain('Hydrocortisone 1% cream');
    expect(html).toContain('On the skin');
    expect(html).toContain(`href="/api/cases/${caseId}/care-plans/${signed.carePlan?.id}"`);
    expect(html.indexOf('Use the cream for two weeks.')).toBeLessThan(html.indexOf('Once daily is enough.'));
    expect(html).toContain('reason: Dose');
  });

  it('speaks Spanish', () => {
    const html = render(<SignedResponseView caseId={caseId} response={signed} />, 'es');
    expect(html).toContain('Receta emitida');
    expect(html).toContain('Sobre la piel');
  });

  it('has no inline styles (the CSP allows none)', () => {
    expect(render(<SignedResponseView caseId={caseId} response={signed} />)).not.toContain('style=');
  });
});

describe('DraftConflict', () => {
  it('shows both versions and both choices', () => {
    const mine = {
      disposition: null,
      narrative: 'Mine',
      medication: null,
      imageRequests: [],
      carePlan: 'none' as const,
    };
    const theirs = { ...mine, disposition: 'urgent_referral' as const, narrative: 'Theirs' };
    const html = render(<DraftConflict mine={mine} theirs={theirs} onKeepMine={() => {}} onUseTheirs={() => {}} />);
    expect(html).toContain('Mine');
    expect(html).toContain('Theirs');
    expect(html).toContain('Urgent referral');
    expect(html).toContain('Keep mine');
    expect(html).toContain('Use the saved version');
    expect(html).toContain('role="alert"');
  });
});
