import type { SpecialistQueue, SpecialistQueueEntry } from '@dermis/core';

/** What a claim attempt did to one entry: won (now mine), lost to another specialist, or gone (withdrawn). */
export type ClaimOutcome = 'claimed' | 'taken' | 'gone';

/**
 * The queue after a claim: a won entry moves from the open list to the caller's own, claimed; a lost or vanished
 * one leaves the open list (nobody else may claim it any more). Pure, so the rule is tested without a browser.
 */
export function afterClaim(queue: SpecialistQueue, id: string, outcome: ClaimOutcome): SpecialistQueue {
  const entry = queue.open.find((e) => e.id === id);
  const open = queue.open.filter((e) => e.id !== id);
  if (outcome !== 'claimed' || !entry) return { ...queue, open };
  const claimed: SpecialistQueueEntry = { ...entry, status: 'claimed' };
  return { open, mine: [claimed, ...queue.mine.filter((e) => e.id !== id)] };
}

/** Seconds an entry has waited since it was escalated (the queue shows it in minutes, hours or days). */
export function waitingSeconds(escalatedAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(escalatedAt)) / 1000));
}
