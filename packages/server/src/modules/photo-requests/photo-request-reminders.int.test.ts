import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { signInDermatologists } from '../responses/response-test-support.ts';
import {
  answerRequest,
  caseWaitingForPhotos,
  closeUpRequest,
  sendPhotos,
  uploadFor,
} from './photo-request-test-support.ts';

// Reminders while the requested photos are missing (PHOTO_REQUEST_REMINDER_DAYS), and the per-round photo limit.

const DAY = 86_400;
let t: TestApp;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await startTestApp({
    smtpUrl: smtp.url,
    env: { PHOTO_REQUEST_REMINDER_DAYS: '2', PHOTOS_PER_CASE_MAX: '2' },
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

/** Sessions time out while the test clock moves days; each scenario signs in again. */
async function dermatologist(): Promise<TestClient> {
  return (await signInDermatologists(t)).derm;
}

const remindersTo = (email: string) =>
  smtp.messages.filter(
    (m) =>
      (Array.isArray(m.to) ? m.to[0] : m.to)?.text === email &&
      m.subject === 'The dermatologist is waiting for your photos',
  );
/** SMTP delivery is parsed asynchronously: give a message that would arrive the time to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('reminders', () => {
  it('come after the configured days without the photos, once per interval, with no PHI', async () => {
    const { email, caseId } = await caseWaitingForPhotos(t, await dermatologist(), [closeUpRequest]);
    await t.drainOutbox();
    t.clock.advance(2 * DAY - 60);
    await t.drainOutbox();
    await settle();
    expect(remindersTo(email)).toHaveLength(0);

    t.clock.advance(120);
    await t.drainOutbox();
    await smtp.waitFor((m) => remindersTo(email).includes(m));
    await t.drainOutbox();
    await settle();
    expect(remindersTo(email)).toHaveLength(1);
    const [mail] = remindersTo(email);
    expect(mail!.text).toContain('/sign-in');
    for (const phi of ['Robin', 'Quist', 'forearm', 'ruler', caseId]) expect(mail!.text).not.toContain(phi);
    const push = await t.p.db.query(
      `SELECT 1 FROM outbox WHERE topic = 'push.notify' AND payload->>'kind' = 'photos_reminder'
       AND payload->>'userId' = (SELECT submitted_by::text FROM cases WHERE id = $1)`,
      [caseId],
    );
    expect(push.rows).toHaveLength(1);

    // A worker that was down for a week sends one reminder for the time it missed, not one per interval.
    t.clock.advance(7 * DAY);
    await t.drainOutbox();
    await settle();
    expect(remindersTo(email)).toHaveLength(2);
    await t.drainOutbox();
    await settle();
    expect(remindersTo(email)).toHaveLength(2);
  });

  it('stop once the photos were sent', async () => {
    const { email, patient, caseId, requestIds } = await caseWaitingForPhotos(t, await dermatologist(), [
      closeUpRequest,
    ]);
    await answerRequest(t, patient, caseId, requestIds[0]!);
    expect((await sendPhotos(patient, caseId)).statusCode).toBe(200);
    t.clock.advance(5 * DAY);
    await t.drainOutbox();
    await settle();
    expect(remindersTo(email)).toHaveLength(0);
  });
});

describe('the photo limit', () => {
  it('counts the photos of one round of requests, not the case’s earlier ones', async () => {
    const { patient, caseId, requestIds } = await caseWaitingForPhotos(t, await dermatologist(), [closeUpRequest]);
    // The case already holds one photo of the two PHOTOS_PER_CASE_MAX allows; the round gets two of its own.
    await answerRequest(t, patient, caseId, requestIds[0]!);
    await answerRequest(t, patient, caseId, requestIds[0]!);
    const third = await uploadFor(t, patient, { caseId, photoRequestId: requestIds[0]! });
    expectProblem(third.created, 409, 'PHOTO_LIMIT_REACHED');
  });
});
