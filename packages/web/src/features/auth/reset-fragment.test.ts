import { describe, expect, it } from 'vitest';
import { readResetFragment } from './reset-fragment.ts';

describe('readResetFragment', () => {
  it.each([
    ['a reset link', '#token=abc123def456', { token: 'abc123def456', isInvite: false }],
    ['a staff invitation', '#token=abc123def456&invite=1', { token: 'abc123def456', isInvite: true }],
    ['invite flag first', '#invite=1&token=abc123def456', { token: 'abc123def456', isInvite: true }],
    [
      'an invite flag other than 1 is a reset',
      '#token=abc123def456&invite=0',
      { token: 'abc123def456', isInvite: false },
    ],
    ['a URL-encoded token', '#token=a%2Bb%2Fc%3D', { token: 'a+b/c=', isInvite: false }],
    ['a hash without the # sign', 'token=xyz789xyz789', { token: 'xyz789xyz789', isInvite: false }],
    ['no fragment', '', null],
    ['an empty token', '#token=', null],
    ['other fragment content', '#main', null],
  ])('%s', (_name, hash, expected) => {
    expect(readResetFragment(hash)).toEqual(expected);
  });
});
