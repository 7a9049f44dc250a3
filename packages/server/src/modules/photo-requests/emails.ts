import type { JobHandler } from '../../platform/outbox.ts';
import { findNoticeTarget } from './store.ts';

type Locale = 'en' | 'es';

export const REMINDER_EMAIL_TOPIC = 'email.photos_reminder';
export const RETURNED_EMAIL_TOPIC = 'email.photos_returned';

// No PHI in notification texts (DESIGN.md): no name, concern, body site, date or case number; only that
// something is waiting and where to look after signing in.
const REMINDER_TEXT: Record<'patient' | 'referrer', Record<Locale, { subject: string; line: string }>> = {
  patient: {
    en: {
      subject: 'The dermatologist is waiting for your photos',
      line: 'The dermatologist asked for more photos and is still waiting for them.',
    },
    es: {
      subject: 'El dermatólogo espera sus fotos',
      line: 'El dermatólogo pidió más fotos y todavía las está esperando.',
    },
  },
  referrer: {
    en: {
      subject: 'Photos still needed',
      line: 'The specialist is still waiting for photos for an Advice & Guidance request you sent.',
    },
    es: {
      subject: 'Todavía se necesitan fotos',
      line: 'El especialista sigue esperando fotos para una solicitud de asesoramiento que usted envió.',
    },
  },
};

const RETURNED_TEXT: Record<Locale, { subject: string; line: string }> = {
  en: {
    subject: 'New photos arrived',
    line: 'The photos you asked for have arrived. The case is back in your queue.',
  },
  es: {
    subject: 'Llegaron fotos nuevas',
    line: 'Llegaron las fotos que usted pidió. El caso está de nuevo en su cola.',
  },
};

const SIGN_IN = { en: 'Sign in to Dermis:', es: 'Inicie sesión en Dermis:' };

/** The reminder, re-read by case id; skipped if the case no longer waits for the patient. */
const sendReminder: JobHandler = async (payload, { eventId, p }) => {
  const target = await findNoticeTarget(p.db, String(payload.caseId), 'submitter');
  if (target?.status !== 'waiting_for_patient') return 'skipped';
  const text = REMINDER_TEXT[target.role === 'referring_clinician' ? 'referrer' : 'patient'][target.locale];
  await p.mailer.send({
    to: target.email,
    subject: text.subject,
    text: `${text.line} ${SIGN_IN[target.locale]}\n${p.config.publicUrl}/sign-in\n`,
    messageId: `<${eventId}@dermis>`,
  });
  return 'done';
};

/** The assigned dermatologist is told the photos arrived. */
const sendReturned: JobHandler = async (payload, { eventId, p }) => {
  const target = await findNoticeTarget(p.db, String(payload.caseId), 'assignee');
  if (!target) return 'skipped';
  const text = RETURNED_TEXT[target.locale];
  await p.mailer.send({
    to: target.email,
    subject: text.subject,
    text: `${text.line} ${SIGN_IN[target.locale]}\n${p.config.publicUrl}/sign-in\n`,
    messageId: `<${eventId}@dermis>`,
  });
  return 'done';
};

export const photoRequestEmailHandlers: Record<string, JobHandler> = {
  [REMINDER_EMAIL_TOPIC]: sendReminder,
  [RETURNED_EMAIL_TOPIC]: sendReturned,
};
