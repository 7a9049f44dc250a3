import { AppError } from '../../platform/errors.ts';

/**
 * A keyset position in the queue: the last row's (queue rank, submission time, id). The time is kept as the
 * database's exact text (microseconds), so rows that share a millisecond are neither skipped nor repeated.
 */
export interface QueueCursor {
  rank: 0 | 1;
  submittedAt: string;
  id: string;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(`${cursor.rank}|${cursor.submittedAt}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): QueueCursor {
  const [rank, submittedAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if ((rank !== '0' && rank !== '1') || !TIME.test(submittedAt ?? '') || !UUID.test(id ?? '') || rest.length > 0) {
    throw new AppError('QUEUE_CURSOR_INVALID');
  }
  return { rank: rank === '0' ? 0 : 1, submittedAt: submittedAt!, id: id! };
}
