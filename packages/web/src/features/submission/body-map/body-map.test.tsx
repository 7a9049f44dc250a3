import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import { BodyMap } from './body-map.tsx';
import type { BodySiteChoice, SiteOnSide } from './body-site-selection.ts';

const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

const label = (place: SiteOnSide) => `${place.site}/${place.laterality ?? 'midline'}`;

/** The map as static HTML, with a small reader for what the assertions need (no DOM in the unit tier). */
function render(chosen: BodySiteChoice[], isOnBehalf = false) {
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <BodyMap chosen={chosen} isBusy={false} isOnBehalf={isOnBehalf} label={label} onChange={() => {}} />
    </I18nextProvider>,
  );
  const sides = /<p class="body-map-sides"[^>]*>(.*?)<\/p>/.exec(html)?.[1] ?? '';
  return {
    region: (id: string) => {
      const tag = new RegExp(`<path[^>]*data-region="${id}"[^>]*>`).exec(html)?.[0] ?? '';
      return { pressed: /aria-pressed="(\w+)"/.exec(tag)?.[1], name: /aria-label="([^"]+)"/.exec(tag)?.[1] };
    },
    sides: [...sides.matchAll(/<span>([^<]+)</g)].map((m) => m[1]),
  };
}

describe('BodyMap shows the chosen list', () => {
  it('presses the regions of the chosen sites, on the chosen side only', () => {
    const map = render([{ site: '14975008', laterality: 'left' }]);
    expect(map.region('front-forearm-left')).toEqual({ pressed: 'true', name: '14975008/left' });
    expect(map.region('front-forearm-right').pressed).toBe('false');
    expect(map.region('front-face').pressed).toBe('false');
  });

  it('presses both sides for a site chosen on both sides', () => {
    const map = render([{ site: '14975008', laterality: 'bilateral' }]);
    expect(map.region('front-forearm-left').pressed).toBe('true');
    expect(map.region('front-forearm-right').pressed).toBe('true');
  });

  it("labels the sides from the front as the person sees them: their right on the viewer's left", () => {
    expect(render([]).sides).toEqual(['Your right', 'Your left']);
    expect(render([], true).sides).toEqual(['Patient’s right', 'Patient’s left']);
  });
});
