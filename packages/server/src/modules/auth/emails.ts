import type { Platform } from '../../platform/context.ts';
import type { JobHandler } from '../../platform/outbox.ts';
import { linkTokenFor } from './password-reset.service.ts';

type Locale = 'en' | 'es';

// No PHI in messages (DESIGN.md): no names, no case details; the link is the whole message.
const TEXT = {
  reset: {
    en: {
      subject: 'Reset your Dermis password',
      body: (link: string, minutes: number) =>
        `Someone asked to reset the password of your Dermis account.\n\nTo choose a new password, open this link within ${minutes} minutes:\n${link}\n\nIf it was not you, ignore this message; your password stays the same.\n`,
    },
    es: {
      subject: 'Restablezca su contraseña de Dermis',
      body: (link: string, minutes: number) =>
        `Alguien pidió restablecer la contraseña de su cuenta de Dermis.\n\nPara elegir una contraseña nueva, abra este enlace en los próximos ${minutes} minutos:\n${link}\n\nSi no fue usted, ignore este mensaje; su contraseña no cambia.\n`,
    },
  },
  invite: {
    en: {
      subject: 'Your Dermis account is ready',
      body: (link: string, hours: number) =>
        `An administrator created a Dermis account for you.\n\nTo set your password, open this link within ${hours} hours:\n${link}\n\nYou will then set up a second factor with an authenticator app.\n`,
    },
    es: {
      subject: 'Su cuenta de Dermis está lista',
      body: (link: string, hours: number) =>
        `Un administrador creó una cuenta de Dermis para usted.\n\nPara elegir su contraseña, abra este enlace en las próximas ${hours} horas:\n${link}\n\nDespués configurará un segundo factor con una aplicación de autenticación.\n`,
    },
  },
} as const;

async function loadToken(p: Platform, tokenId: string) {
  const { rows } = await p.db.query<{ email: string; locale: Locale; used_at: Date | null; expires_at: Date }>(
    `SELECT u.email, u.locale, t.used_at, t.expires_at FROM password_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1`,
    [tokenId],
  );
  return rows[0] ?? null;
}

function passwordEmail(purpose: 'reset' | 'invite'): JobHandler {
  return async (payload, { eventId, p }) => {
    const tokenId = String(payload.tokenId);
    const token = await loadToken(p, tokenId);
    // A link already used or replaced needs no message.
    if (!token || token.used_at || token.expires_at <= p.clock.now()) return 'skipped';
    const text = TEXT[purpose][token.locale];
    const link = `${p.config.publicUrl}/reset-password#token=${linkTokenFor(p, tokenId)}${purpose === 'invite' ? '&invite=1' : ''}`;
    const lifetime = purpose === 'invite' ? p.config.inviteTokenHours : p.config.resetTokenMinutes;
    await p.mailer.send({
      to: token.email,
      subject: text.subject,
      text: text.body(link, lifetime),
      messageId: `<${eventId}@dermis>`,
    });
    return 'done';
  };
}

export const authJobHandlers: Record<string, JobHandler> = {
  'email.password_reset': passwordEmail('reset'),
  'email.staff_invite': passwordEmail('invite'),
};
