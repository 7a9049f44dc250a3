import { EMERGENCY_ADVICE } from '@dermis/core';
import type { JobHandler } from '../../platform/outbox.ts';
import { CASE_RECEIVED_TOPIC } from './submit-case.service.ts';

type Locale = 'en' | 'es';

// No PHI in notification texts (DESIGN.md). The message names no person, concern, body site or date, and not
// the case number either: a number is not PHI on its own, but in a mailbox next to the recipient's address it
// ties that person to a case at a dermatology service, and the number is of no use outside Dermis anyway.
// The receipt screen and the case page show it after sign-in. The message says only that something arrived
// and where to look, plus the emergency advice (asynchronous care is not for emergencies).
const PATIENT_TEXT = {
  en: {
    subject: 'We received your request',
    body: (link: string) =>
      `We received your request. Sign in to Dermis to see its status:\n${link}\n\n${EMERGENCY_ADVICE.en}\n`,
  },
  es: {
    subject: 'Recibimos su solicitud',
    body: (link: string) =>
      `Recibimos su solicitud. Inicie sesión en Dermis para ver su estado:\n${link}\n\n${EMERGENCY_ADVICE.es}\n`,
  },
} as const;

// A referring clinician (Advice & Guidance) gets the same kind of message about a request they sent for a
// patient: still no patient name, case number or concern, and the reminder that the advice will come to them.
const REFERRER_TEXT = {
  en: {
    subject: 'We received your Advice & Guidance request',
    body: (link: string) =>
      `We received the Advice & Guidance request you sent for a patient. The specialist's advice will come back to you; clinical responsibility stays with you. Sign in to Dermis to see its status:\n${link}\n`,
  },
  es: {
    subject: 'Recibimos su solicitud de asesoramiento',
    body: (link: string) =>
      `Recibimos la solicitud de asesoramiento que envió para un paciente. El consejo del especialista le llegará a usted; la responsabilidad clínica sigue siendo suya. Inicie sesión en Dermis para ver su estado:\n${link}\n`,
  },
} as const;

/** Tells the submitter that the case arrived. Re-reads by id; a case that was never submitted gets no email. */
const sendCaseReceived: JobHandler = async (payload, { eventId, p }) => {
  const { rows } = await p.db.query<{ email: string; locale: Locale; role: string; submitted_at: Date | null }>(
    `SELECT u.email, u.locale, u.role, c.submitted_at FROM cases c JOIN users u ON u.id = c.submitted_by
     WHERE c.id = $1 AND u.disabled_at IS NULL`,
    [String(payload.caseId)],
  );
  const target = rows[0];
  if (!target?.submitted_at) return 'skipped';
  const text = (target.role === 'referring_clinician' ? REFERRER_TEXT : PATIENT_TEXT)[target.locale];
  await p.mailer.send({
    to: target.email,
    subject: text.subject,
    text: text.body(`${p.config.publicUrl}/sign-in`),
    // The event id: a redelivered job sends a message a mail system can recognise as the same one.
    messageId: `<${eventId}@dermis>`,
  });
  return 'done';
};

export const caseJobHandlers: Record<string, JobHandler> = { [CASE_RECEIVED_TOPIC]: sendCaseReceived };
