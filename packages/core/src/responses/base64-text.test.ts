import { describe, expect, it } from 'vitest';
import { utf8ToBase64 } from './base64-text.ts';

describe('utf8ToBase64', () => {
  it.each([
    ['empty', '', ''],
    ['one byte of padding left', 'ab', 'YWI='],
    ['two bytes of padding left', 'a', 'YQ=='],
    ['no padding', 'abc', 'YWJj'],
    ['two-byte UTF-8 (accents in Spanish notes)', 'café', 'Y2Fmw6k='],
    ['three-byte UTF-8 (an em dash)', '—', '4oCU'],
    ['four-byte UTF-8 (outside the BMP)', '😀', '8J+YgA=='],
  ])('%s', (_name, text, expected) => {
    expect(utf8ToBase64(text)).toBe(expected);
  });
});
