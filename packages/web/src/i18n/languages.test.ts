import { describe, expect, it } from 'vitest';
import { pickLanguage } from './languages.ts';

describe('pickLanguage', () => {
  it.each([
    ['a stored choice wins', ['es', 'en-US'], 'es'],
    ['a regional browser language maps to its base', [null, 'es-MX', 'en'], 'es'],
    ['unsupported languages are skipped', [null, 'fr-FR', 'en-GB'], 'en'],
    ['English when nothing matches', [undefined, 'de'], 'en'],
    ['case does not matter', ['ES'], 'es'],
  ] as const)('%s', (_name, candidates, expected) => {
    expect(pickLanguage(candidates)).toBe(expected);
  });
});
