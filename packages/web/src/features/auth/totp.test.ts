import { describe, expect, it } from 'vitest';
import { groupSecret, isCompleteCode, normalizeCode, svgDataUrl } from './totp.ts';

describe('authenticator codes', () => {
  it.each([
    ['keeps a typed code', '123456', '123456'],
    ['drops the space some apps show in the middle', '123 456', '123456'],
    ['drops dashes and letters', '12-34a56', '123456'],
    ['stops at six digits', '1234567', '123456'],
  ])('%s', (_name, raw, expected) => {
    expect(normalizeCode(raw)).toBe(expected);
  });

  it('accepts only exactly six digits', () => {
    expect(isCompleteCode('123456')).toBe(true);
    expect(isCompleteCode('12345')).toBe(false);
    expect(isCompleteCode('12345a')).toBe(false);
  });
});

describe('setup key display', () => {
  it('groups the secret in fours, ignoring spaces already there', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSW Y3DPEHPK3PX')).toBe('JBSW Y3DP EHPK 3PX');
    expect(groupSecret('')).toBe('');
  });

  it('encodes the QR SVG as a base64 data URL that decodes back to the same markup', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Código</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const binary = atob(url.split(',')[1] ?? '');
    const decoded = new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    expect(decoded).toBe(svg);
  });
});
