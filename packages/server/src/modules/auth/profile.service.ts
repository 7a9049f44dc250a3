import type { MeProfile } from '@dermis/core';
import type { Platform } from '../../platform/context.ts';
import type { Session } from './sessions.ts';
import { toSessionUser } from './store.ts';

/** The signed-in user's own account, and for a patient their demographics (PHI: the route is audited). */
export async function readProfile(p: Platform, session: Session): Promise<MeProfile> {
  const { rows } = await p.db.query<{ given_name: string; family_name: string; birth_date: string }>(
    'SELECT given_name, family_name, birth_date FROM patients WHERE user_id = $1',
    [session.user.id],
  );
  const patient = rows[0];
  return {
    user: toSessionUser(session.user),
    patient: patient
      ? { givenName: patient.given_name, familyName: patient.family_name, birthDate: patient.birth_date }
      : null,
  };
}

export async function setLocale(p: Platform, session: Session, locale: 'en' | 'es'): Promise<void> {
  await p.db.query('UPDATE users SET locale = $2, updated_at = $3 WHERE id = $1', [
    session.user.id,
    locale,
    p.clock.now(),
  ]);
}
