import { createHash } from 'node:crypto';
import type { Sql } from '../../platform/db.ts';
import { enqueue } from '../../platform/outbox.ts';

export const PHOTO_SWEEP_TOPIC = 'photos.sweep';
const SLOT_MS = 3600_000;

/** The same id for every request to sweep in the same hour: the outbox keeps one job per slot. */
function sweepEventId(slot: Date): string {
  const h = createHash('sha256').update(`${PHOTO_SWEEP_TOPIC}:${slot.toISOString()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Schedules the storage sweep for the first whole hour at or after `notBefore` (the outbox has no delayed
 * delivery of its own, so the job is written with that time as its availability and creation time).
 */
export async function scheduleSweep(tx: Sql, notBefore: Date): Promise<void> {
  const slot = new Date(Math.ceil(notBefore.getTime() / SLOT_MS) * SLOT_MS);
  await enqueue(tx, slot, { id: sweepEventId(slot), topic: PHOTO_SWEEP_TOPIC, payload: {} });
}
