import { ERROR_CODES } from '@dermis/core';
import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import en from './en.json';
import { describeError, errorMessageKey } from './error-messages.ts';
import es from './es.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const english = flatten(en);
const spanish = flatten(es);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('Spanish has exactly the English keys', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('each Spanish string uses the same placeholders as the English one', () => {
    for (const [key, text] of english) {
      expect({ key, placeholders: placeholders(spanish.get(key) ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });

  it('Spanish is translated, not copied (apart from names and symbols)', () => {
    const sameOnPurpose = new Set(['audit.none', 'audit.role', 'roles.auditor', 'nav.label', 'submission.no']);
    const copied = [...english].filter(([key, text]) => spanish.get(key) === text && !sameOnPurpose.has(key));
    expect(copied.map(([key]) => key)).toEqual([]);
  });

  it('every server error code has a message in both languages', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(english.has(`errors.${code}`), code).toBe(true);
      expect(spanish.has(`errors.${code}`), code).toBe(true);
    }
  });
});

describe('error messages', () => {
  it.each([
    ['a known code maps to its message', 'INVALID_CREDENTIALS', 'errors.INVALID_CREDENTIALS'],
    ['a code the client does not know gets the generic message', 'SOME_NEW_CODE', 'errors.generic'],
    ['inherited object keys are not codes', 'toString', 'errors.generic'],
    ['network failures have their own message', NETWORK_ERROR, 'errors.NETWORK_ERROR'],
  ])('%s', (_name, code, key) => {
    expect(errorMessageKey(code)).toBe(key);
  });

  it('adds the wait for throttled answers, rounded up to whole minutes', () => {
    const problem = { type: 'about:blank', title: 'x', status: 429, code: 'LOGIN_THROTTLED', retryAfterSeconds: 61 };
    expect(describeError(new ApiError(429, 'LOGIN_THROTTLED', problem))).toEqual({
      key: 'errors.LOGIN_THROTTLED',
      retryAfterMinutes: 2,
    });
  });

  it('never shows server text: unknown codes ignore the title and detail', () => {
    const problem = {
      type: 'about:blank',
      title: 'SQL error near users',
      status: 500,
      code: 'WEIRD',
      detail: 'stack…',
    };
    expect(describeError(new ApiError(500, 'WEIRD', problem))).toEqual({ key: 'errors.generic' });
  });

  it('anything that is not an ApiError is generic', () => {
    expect(describeError(new TypeError('x is undefined'))).toEqual({ key: 'errors.generic' });
  });
});
