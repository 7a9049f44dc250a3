import type { Sql } from '../../platform/db.ts';
import { derivedEventId, enqueue } from '../../platform/outbox.ts';

export const PHOTO_SWEEP_TOPIC = 'photos.sweep';
const SLOT_MS = 3600_000;

/** The same id for every request to sweep in the same hour: the outbox keeps one job per slot. */
function sweepEventId(slot: Date): string {
  return derivedEventId(`${PHOTO_SWEEP_TOPIC}:${slot.toISOString()}`);
}

/**
 * Schedules the storage sweep for the first whole hour at or after `notBefore` (the outbox has no delayed
 * delivery of its own, so the job is written with that time as its availability and creation time).
 */
export async function scheduleSweep(tx: Sql, notBefore: Date): Promise<void> {
  const slot = new Date(Math.ceil(notBefore.getTime() / SLOT_MS) * SLOT_MS);
  await enqueue(tx, slot, { id: sweepEventId(slot), topic: PHOTO_SWEEP_TOPIC, payload: {} });
}
