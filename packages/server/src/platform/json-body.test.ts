import { describe, expect, it } from 'vitest';
import { assertJsonDepth } from './json-body.ts';

describe('assertJsonDepth', () => {
  it.each([
    ['flat object passes', '{"a":1,"b":[1,2]}', 3, true],
    ['exactly at the limit passes', '[[[1]]]', 3, true],
    ['one past the limit fails', '[[[[1]]]]', 3, false],
    ['brackets inside strings do not count', '{"a":"[[[[[[[["}', 2, true],
    ['escaped quotes keep the string open', '{"a":"\\"[[[[[[[["}', 2, true],
    ['10,000-deep document fails fast', '['.repeat(10_000) + ']'.repeat(10_000), 32, false],
  ])('%s', (_name, text, max, ok) => {
    if (ok) expect(() => assertJsonDepth(text, max)).not.toThrow();
    else expect(() => assertJsonDepth(text, max)).toThrow(expect.objectContaining({ code: 'JSON_TOO_DEEP' }));
  });
});
