import type { Platform } from '../../platform/context.ts';
import type { JobHandler } from '../../platform/outbox.ts';

type Locale = 'en' | 'es';

export const ESCALATION_RECEIVED_TOPIC = 'email.escalation_received';
export const CONSULTATION_READY_TOPIC = 'email.consultation_ready';

// No PHI in notification texts (DESIGN.md): no name, concern, question, specialist type, date or case number.
const TEXT: Record<'received' | 'ready', Record<Locale, { subject: string; line: string }>> = {
  received: {
    en: { subject: 'A case is waiting in your queue', line: 'A dermatologist has asked for a specialist opinion.' },
    es: {
      subject: 'Un caso espera en su cola',
      line: 'Un dermatólogo ha pedido la opinión de un especialista.',
    },
  },
  ready: {
    en: { subject: 'A consultation note is ready', line: 'A specialist has answered the question you asked.' },
    es: {
      subject: 'Una nota de consulta está lista',
      line: 'Un especialista ha respondido a la pregunta que usted hizo.',
    },
  },
};
const SIGN_IN = { en: 'Sign in to Dermis:', es: 'Inicie sesión en Dermis:' };

interface Recipient {
  id: string;
  email: string;
  locale: Locale;
}

async function recipients(p: Platform, escalationId: string, who: 'specialists' | 'escalator'): Promise<Recipient[]> {
  const sql =
    who === 'escalator'
      ? `SELECT u.id, u.email, u.locale FROM escalations e JOIN users u ON u.id = e.escalated_by
         WHERE e.id = $1 AND e.status = 'answered' AND u.disabled_at IS NULL`
      : // Still open: the named specialist, or everyone available of the type.
        `SELECT u.id, u.email, u.locale FROM escalations e JOIN users u
           ON u.role = 'specialist' AND u.specialist_type = e.specialist_type
          AND (e.requested_specialist_id IS NULL OR u.id = e.requested_specialist_id)
         WHERE e.id = $1 AND e.status = 'open' AND u.disabled_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM specialist_unavailability s WHERE s.user_id = u.id)
         ORDER BY u.id`;
  const { rows } = await p.db.query<{ id: string; email: string; locale: string }>(sql, [escalationId]);
  return rows.map((r) => ({ ...r, locale: r.locale === 'es' ? 'es' : 'en' }));
}

function handler(kind: 'received' | 'ready', who: 'specialists' | 'escalator'): JobHandler {
  return async (payload, { eventId, p }) => {
    const to = await recipients(p, String(payload.escalationId), who);
    if (to.length === 0) return 'skipped';
    for (const r of to) {
      const text = TEXT[kind][r.locale];
      await p.mailer.send({
        to: r.email,
        subject: text.subject,
        text: `${text.line} ${SIGN_IN[r.locale]}\n${p.config.publicUrl}/sign-in\n`,
        // One message id per recipient, stable across redeliveries.
        messageId: `<${eventId}.${r.id}@dermis>`,
      });
    }
    return 'done';
  };
}

export const escalationJobHandlers: Record<string, JobHandler> = {
  [ESCALATION_RECEIVED_TOPIC]: handler('received', 'specialists'),
  [CONSULTATION_READY_TOPIC]: handler('ready', 'escalator'),
};
