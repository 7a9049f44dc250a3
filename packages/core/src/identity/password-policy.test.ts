import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.ts';

describe('checkPassword', () => {
  it.each([
    ['rejects short passwords', 'short', undefined, 'PASSWORD_TOO_SHORT'],
    ['accepts a long passphrase', 'correct horse battery', undefined, null],
    [
      'rejects a password that is mostly the email',
      'maria.lopez-2024!',
      'maria.lopez@example.org',
      'PASSWORD_CONTAINS_EMAIL',
    ],
    ['rejects absurdly long input', 'x'.repeat(257), undefined, 'PASSWORD_TOO_LONG'],
    ['counts characters, not UTF-16 units', '🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂', undefined, 'PASSWORD_TOO_SHORT'],
  ])('%s', (_name, password, email, expected) => {
    expect(checkPassword(password, email)).toBe(expected);
  });
});
