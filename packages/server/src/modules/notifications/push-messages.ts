// What a push notification says. Like the emails: no PHI (DESIGN.md) — no name, concern, body site, date or
// case number; only that something happened and where to look. Later capabilities add their kinds here.
export const PUSH_MESSAGE_KINDS = [
  'case_received',
  'case_answered',
  'photos_requested',
  'response_amended',
  'photos_reminder',
  'photos_returned',
  'escalation_received',
  'consultation_ready',
] as const;
export type PushMessageKind = (typeof PUSH_MESSAGE_KINDS)[number];

type Locale = 'en' | 'es';

const TEXT: Record<PushMessageKind, Record<Locale, { title: string; body: string }>> = {
  case_received: {
    en: { title: 'Dermis', body: 'We received your request. Open Dermis to see its status.' },
    es: { title: 'Dermis', body: 'Recibimos su solicitud. Abra Dermis para ver su estado.' },
  },
  // The responses module: a signed response, a request for more photos, an amendment to a signed response.
  case_answered: {
    en: { title: 'Dermis', body: 'Your request has been answered. Open Dermis to read the answer.' },
    es: { title: 'Dermis', body: 'Su solicitud tiene respuesta. Abra Dermis para leerla.' },
  },
  photos_requested: {
    en: { title: 'Dermis', body: 'The dermatologist needs more photos. Open Dermis to see what to send.' },
    es: { title: 'Dermis', body: 'El dermatólogo necesita más fotos. Abra Dermis para ver qué enviar.' },
  },
  response_amended: {
    en: { title: 'Dermis', body: 'The answer to your request was updated. Open Dermis to read it.' },
    es: { title: 'Dermis', body: 'La respuesta a su solicitud se actualizó. Abra Dermis para leerla.' },
  },
  // The photo-requests module: a reminder to the submitter, and the dermatologist told the photos arrived.
  photos_reminder: {
    en: { title: 'Dermis', body: 'The dermatologist is still waiting for your photos. Open Dermis to send them.' },
    es: { title: 'Dermis', body: 'El dermatólogo sigue esperando sus fotos. Abra Dermis para enviarlas.' },
  },
  photos_returned: {
    en: { title: 'Dermis', body: 'New photos arrived for a case you are reviewing. Open Dermis to see it.' },
    es: { title: 'Dermis', body: 'Llegaron fotos nuevas de un caso que usted revisa. Abra Dermis para verlo.' },
  },
  // The escalations module: a new escalation in a specialist's queue, a consultation note for the dermatologist.
  escalation_received: {
    en: { title: 'Dermis', body: 'A case is waiting in your specialist queue. Open Dermis to see it.' },
    es: { title: 'Dermis', body: 'Un caso espera en su cola de especialista. Abra Dermis para verlo.' },
  },
  consultation_ready: {
    en: { title: 'Dermis', body: 'A specialist has answered your question. Open Dermis to read the note.' },
    es: { title: 'Dermis', body: 'Un especialista respondió a su pregunta. Abra Dermis para leer la nota.' },
  },
};

export function isPushMessageKind(value: unknown): value is PushMessageKind {
  return (PUSH_MESSAGE_KINDS as readonly unknown[]).includes(value);
}

/** The JSON the service worker shows (see packages/web/public/sw.js). The link opens the app, nothing deeper. */
export function pushPayload(kind: PushMessageKind, locale: string): string {
  const text = TEXT[kind][locale === 'es' ? 'es' : 'en'];
  return JSON.stringify({ title: text.title, body: text.body, url: '/' });
}
