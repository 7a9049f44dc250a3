import type { Sql } from '../../platform/db.ts';
import type { JobHandler } from '../../platform/outbox.ts';
import { enqueue } from '../../platform/outbox.ts';
import { enqueuePush } from '../notifications/index.ts';

type Locale = 'en' | 'es';
export type ResponseNotice = 'case_answered' | 'photos_requested' | 'response_amended';
const NOTICES: readonly ResponseNotice[] = ['case_answered', 'photos_requested', 'response_amended'];

export const RESPONSE_EMAIL_TOPIC = 'email.response_notice';

// No PHI in notification texts (DESIGN.md), as in the cases module's emails: no name, concern, body site,
// disposition, date or case number. Only that something is waiting, and where to read it after sign-in.
const PATIENT_TEXT: Record<ResponseNotice, Record<Locale, { subject: string; line: string }>> = {
  case_answered: {
    en: { subject: 'Your request has been answered', line: 'A dermatologist has answered your request.' },
    es: { subject: 'Su solicitud tiene respuesta', line: 'Un dermatólogo ha respondido a su solicitud.' },
  },
  photos_requested: {
    en: { subject: 'More photos are needed', line: 'The dermatologist needs more photos to answer your request.' },
    es: {
      subject: 'Se necesitan más fotos',
      line: 'El dermatólogo necesita más fotos para responder a su solicitud.',
    },
  },
  response_amended: {
    en: { subject: 'Your answer was updated', line: 'The dermatologist has added to the answer to your request.' },
    es: { subject: 'Su respuesta se actualizó', line: 'El dermatólogo ha añadido algo a la respuesta a su solicitud.' },
  },
};

const REFERRER_TEXT: Record<ResponseNotice, Record<Locale, { subject: string; line: string }>> = {
  case_answered: {
    en: {
      subject: 'Advice & Guidance answered',
      line: 'The specialist has answered an Advice & Guidance request you sent.',
    },
    es: {
      subject: 'Solicitud de asesoramiento respondida',
      line: 'El especialista ha respondido a una solicitud de asesoramiento que usted envió.',
    },
  },
  photos_requested: {
    en: {
      subject: 'More photos are needed',
      line: 'The specialist needs more photos for an Advice & Guidance request you sent.',
    },
    es: {
      subject: 'Se necesitan más fotos',
      line: 'El especialista necesita más fotos para una solicitud de asesoramiento que usted envió.',
    },
  },
  response_amended: {
    en: { subject: 'Advice updated', line: 'The specialist has added to the advice on a request you sent.' },
    es: {
      subject: 'Consejo actualizado',
      line: 'El especialista ha añadido algo al consejo sobre una solicitud que usted envió.',
    },
  },
};

const SIGN_IN = { en: 'Sign in to Dermis to read it:', es: 'Inicie sesión en Dermis para leerla:' };

/** Tells the submitter (patient or referring GP) by email and web push, in the transaction of the change. */
export async function notifySubmitter(
  tx: Sql,
  now: Date,
  notice: { caseId: string; submittedBy: string; kind: ResponseNotice },
): Promise<void> {
  await enqueue(tx, now, {
    topic: RESPONSE_EMAIL_TOPIC,
    payload: { caseId: notice.caseId, kind: notice.kind },
  });
  await enqueuePush(tx, now, notice.submittedBy, notice.kind);
}

/** Re-reads the submitter by case id; the payload carries ids and the kind only. */
const sendResponseNotice: JobHandler = async (payload, { eventId, p }) => {
  const kind = NOTICES.find((k) => k === payload.kind);
  if (!kind) return 'skipped';
  const { rows } = await p.db.query<{ email: string; locale: Locale; role: string }>(
    `SELECT u.email, u.locale, u.role FROM cases c JOIN users u ON u.id = c.submitted_by
     WHERE c.id = $1 AND u.disabled_at IS NULL`,
    [String(payload.caseId)],
  );
  const target = rows[0];
  if (!target) return 'skipped';
  const locale: Locale = target.locale === 'es' ? 'es' : 'en';
  const text = (target.role === 'referring_clinician' ? REFERRER_TEXT : PATIENT_TEXT)[kind][locale];
  await p.mailer.send({
    to: target.email,
    subject: text.subject,
    text: `${text.line} ${SIGN_IN[locale]}\n${p.config.publicUrl}/sign-in\n`,
    messageId: `<${eventId}@dermis>`,
  });
  return 'done';
};

export const responseJobHandlers: Record<string, JobHandler> = { [RESPONSE_EMAIL_TOPIC]: sendResponseNotice };
