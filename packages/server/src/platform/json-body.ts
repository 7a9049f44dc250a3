import { AppError } from './errors.ts';

export const MAX_JSON_DEPTH = 32;

/**
 * Rejects JSON nested deeper than `max` before it is parsed: a 10,000-deep document costs the
 * parser and every recursive walker after it, and no Dermis request needs more than a few levels.
 * Linear scan, aware of strings and escapes.
 */
export function assertJsonDepth(text: string, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) throw new AppError('JSON_TOO_DEEP');
    } else if (c === 125 || c === 93) depth--;
  }
}
