import { describe, expect, it } from 'vitest';
import {
  CONSENT_VERSION_PATTERN,
  CONSENT_VERSIONS,
  CURRENT_CONSENT_VERSION,
  currentConsent,
  findConsentVersion,
  isCurrentConsentVersion,
} from './consent-text.ts';

describe('consent versions', () => {
  it('the current version is published and is the newest', () => {
    expect(currentConsent().version).toBe(CURRENT_CONSENT_VERSION);
    expect(CONSENT_VERSIONS.at(-1)?.version).toBe(CURRENT_CONSENT_VERSION);
  });

  it('version ids are unique, well formed and in order of taking effect', () => {
    const ids = CONSENT_VERSIONS.map((v) => v.version);
    expect(new Set(ids).size).toBe(ids.length);
    for (const v of CONSENT_VERSIONS) {
      expect(v.version).toMatch(CONSENT_VERSION_PATTERN);
      // The id names the month the version took effect.
      expect(v.effectiveFrom.slice(0, 7)).toBe(v.version.slice(0, 7));
    }
    const dates = CONSENT_VERSIONS.map((v) => v.effectiveFrom);
    expect([...dates].sort()).toEqual(dates);
  });

  it.each(['2026-11-v0', '2026-13-v1', '26-11-v1', '2026-11-v1 ', '2026-11'])('rejects the id %j', (id) => {
    expect(id).not.toMatch(CONSENT_VERSION_PATTERN);
  });

  it('only the current version counts as current; unknown versions are not found', () => {
    expect(isCurrentConsentVersion(CURRENT_CONSENT_VERSION)).toBe(true);
    expect(isCurrentConsentVersion('2020-01-v1')).toBe(false);
    expect(findConsentVersion('2020-01-v1')).toBeUndefined();
  });

  it.each(CONSENT_VERSIONS.flatMap((v) => (['en', 'es'] as const).map((locale) => [v.version, locale] as const)))(
    '%s (%s) covers asynchronous care, its limits, data use and emergency advice',
    (version, locale) => {
      const text = findConsentVersion(version)!.texts[locale];
      const all = [text.title, ...text.sections.flatMap((s) => [s.heading, s.body]), text.agreement].join('\n');
      expect(all).toMatch(/911/);
      expect(all).toMatch(/999/);
      const words =
        locale === 'en'
          ? [/asynchronous|not while you wait/, /limits/i, /protected health information/, /in-person|in person/]
          : [/asíncrona|no mientras usted espera/, /límites/i, /información de salud protegida/, /en persona/];
      for (const word of words) expect(all).toMatch(word);
      // Emergency advice comes first, before anything else is read.
      expect(text.sections[0]?.body).toMatch(/911/);
    },
  );

  it('English and Spanish have the same sections', () => {
    for (const v of CONSENT_VERSIONS) {
      expect(v.texts.es.sections).toHaveLength(v.texts.en.sections.length);
    }
  });
});
