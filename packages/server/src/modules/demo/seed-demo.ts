import { appendAudit } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';
import { sealText } from '../../platform/crypto.ts';
import { hashPassword, insertUser } from '../auth/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PATIENT_PROFILE } from './demo-accounts.ts';

/** Creates the demo accounts that do not exist yet; safe to run again. Returns the emails created. */
export async function seedDemo(p: Platform): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  await p.db.transaction(async (tx) => {
    const now = p.clock.now();
    for (const account of DEMO_ACCOUNTS) {
      const user = await insertUser(tx, { ...account, passwordHash, locale: 'en' }, now);
      if (!user) continue;
      created.push(account.email);
      if (account.totpSecret) {
        await tx.query('UPDATE users SET totp_secret_sealed = $2, totp_enabled_at = $3 WHERE id = $1', [
          user.id,
          sealText(p.keys, account.totpSecret, `totp:${user.id}`),
          now,
        ]);
      }
      if (account.role === 'patient') {
        await tx.query('INSERT INTO patients (user_id, given_name, family_name, birth_date) VALUES ($1, $2, $3, $4)', [
          user.id,
          DEMO_PATIENT_PROFILE.givenName,
          DEMO_PATIENT_PROFILE.familyName,
          DEMO_PATIENT_PROFILE.birthDate,
        ]);
      }
      await appendAudit(tx, p.clock, {
        userId: null,
        role: null,
        ip: null,
        userAgent: 'dermis seed-demo',
        action: 'account.create',
        objectType: 'user',
        objectId: user.id,
        outcome: 'success',
      });
    }
  });
  return created;
}
