import type { Config } from '../../platform/config.ts';
import type { Sql } from '../../platform/db.ts';
import { derivedEventId, enqueue, type JobHandler } from '../../platform/outbox.ts';
import { enqueuePush } from '../notifications/index.ts';
import { findOpenPhotoRequestRound } from '../responses/index.ts';
import { REMINDER_EMAIL_TOPIC } from './emails.ts';
import { findSubmitter } from './store.ts';

export const PHOTO_REMINDER_TOPIC = 'photo-requests.remind';
const DAY_MS = 86_400_000;

interface ReminderRound {
  caseId: string;
  /** The signed response that asked for the photos: a later request starts its own reminders. */
  responseId: string;
  requestedAt: Date;
}

/**
 * Schedules the `n`-th reminder for a request for more photos: `n` intervals after the request, and never sooner
 * than one interval from `now` (so a worker that was down sends one reminder, not a burst). The event id is made
 * from the request and `n`: scheduling the same reminder twice keeps one job.
 */
export async function schedulePhotoRequestReminder(
  tx: Sql,
  config: Pick<Config, 'photos'>,
  round: ReminderRound,
  n = 1,
  now: Date = round.requestedAt,
): Promise<void> {
  const interval = config.photos.requestReminderDays * DAY_MS;
  const at = new Date(Math.max(round.requestedAt.getTime() + n * interval, now.getTime() + interval));
  await enqueue(tx, at, {
    id: derivedEventId(`${PHOTO_REMINDER_TOPIC}:${round.caseId}:${round.responseId}:${n}`),
    topic: PHOTO_REMINDER_TOPIC,
    payload: { caseId: round.caseId, responseId: round.responseId, n },
  });
}

/**
 * A reminder is due: if the case still waits for the photos of that same request, remind the submitter (email and
 * push, ids only) and schedule the next one; once the photos arrived (or the case moved on) it is skipped and the
 * chain ends. Everything it causes is written in one transaction with ids made from this job's id.
 */
const remind: JobHandler = async (payload, { eventId, p }) => {
  const caseId = String(payload.caseId);
  const responseId = String(payload.responseId);
  const n = Number(payload.n);
  const [round, submitter] = await Promise.all([findOpenPhotoRequestRound(p.db, caseId), findSubmitter(p.db, caseId)]);
  if (round?.responseId !== responseId || submitter?.status !== 'waiting_for_patient') return 'skipped';
  const now = p.clock.now();
  await p.db.transaction(async (tx) => {
    await enqueue(tx, now, {
      id: derivedEventId(`${REMINDER_EMAIL_TOPIC}:${eventId}`),
      topic: REMINDER_EMAIL_TOPIC,
      payload: { caseId },
    });
    await enqueuePush(tx, now, submitter.userId, 'photos_reminder', derivedEventId(`push:${eventId}`));
    await schedulePhotoRequestReminder(
      tx,
      p.config,
      { caseId, responseId, requestedAt: round.requestedAt },
      n + 1,
      now,
    );
  });
  return 'done';
};

export const reminderJobHandlers: Record<string, JobHandler> = { [PHOTO_REMINDER_TOPIC]: remind };
