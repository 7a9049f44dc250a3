import { checkPassword, type SignupBody } from '@dermis/core';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { openSession, type SignedIn } from './login.service.ts';
import { hashPassword } from './password-hash.ts';
import { insertUser } from './store.ts';
import { countFailure, secondsBlocked } from './throttle.ts';

const SIGNUPS_PER_IP_PER_HOUR = 20;
const OLDEST_AGE_YEARS = 130;

function assertBirthDate(value: string, now: Date) {
  const date = new Date(`${value}T00:00:00Z`);
  const isReal = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  const earliest = new Date(now);
  earliest.setUTCFullYear(now.getUTCFullYear() - OLDEST_AGE_YEARS);
  if (!isReal || date > now || date < earliest) throw new AppError('BIRTH_DATE_INVALID');
}

/** Patients register themselves; staff accounts are created by admins. */
export async function signUpPatient(p: Platform, actor: Actor, input: SignupBody): Promise<SignedIn> {
  const now = p.clock.now();
  const problem = checkPassword(input.password, input.email);
  if (problem) throw new AppError(problem);
  assertBirthDate(input.birthDate, now);
  const ipKey = `signup:ip:${actor.ip}`;
  const window = { max: SIGNUPS_PER_IP_PER_HOUR, seconds: 3600 };
  const blocked = await secondsBlocked(p.db, ipKey, window, now);
  if (blocked > 0) throw new AppError('RATE_LIMITED', { retryAfterSeconds: blocked });
  const passwordHash = await hashPassword(input.password);
  return p.db.transaction(async (tx) => {
    await countFailure(tx, ipKey, window, now);
    const user = await insertUser(
      tx,
      {
        email: input.email,
        displayName: `${input.givenName.trim()} ${input.familyName.trim()}`,
        role: 'patient',
        specialistType: null,
        passwordHash,
        locale: input.locale ?? 'en',
      },
      now,
    );
    if (!user) throw new AppError('EMAIL_TAKEN');
    await tx.query('INSERT INTO patients (user_id, given_name, family_name, birth_date) VALUES ($1, $2, $3, $4)', [
      user.id,
      input.givenName.trim(),
      input.familyName.trim(),
      input.birthDate,
    ]);
    await appendAudit(tx, p.clock, {
      ...actor,
      userId: user.id,
      role: 'patient',
      action: 'account.signup',
      objectType: 'patient',
      objectId: user.id,
      patientId: user.id,
      outcome: 'success',
    });
    return openSession(tx, p, user, 'authenticated', null);
  });
}
