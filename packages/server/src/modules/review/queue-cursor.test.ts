import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './queue-cursor.ts';

describe('queue cursor', () => {
  const cursor = {
    rank: 1,
    submittedAt: '2026-11-25T09:00:00.123456Z',
    id: '0b6f7a52-8a4e-4a53-9d7e-1f0e3c3b9a10',
  } as const;

  it('round-trips the exact position', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 of a cursor', 'bm9wZQ'],
    ['an unknown rank', Buffer.from(`2|${cursor.submittedAt}|${cursor.id}`).toString('base64url')],
    [
      'a millisecond time (ties would be skipped)',
      Buffer.from(`1|2026-11-25T09:00:00.123Z|${cursor.id}`).toString('base64url'),
    ],
    ['SQL in the id', Buffer.from(`1|${cursor.submittedAt}|x' OR 1=1 --`).toString('base64url')],
  ])('refuses %s with QUEUE_CURSOR_INVALID', (_name, text) => {
    expect(() => decodeCursor(text)).toThrow(expect.objectContaining({ code: 'QUEUE_CURSOR_INVALID' }));
  });
});
