import type { AdminUser, CreateStaffBody, UpdateUserBody } from '@dermis/core';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { retryDeadJob } from '../../platform/outbox.ts';
import { findUserById, insertUser, issuePasswordToken, revokeAllSessions, type UserRow } from '../auth/index.ts';

function toAdminUser(u: UserRow): AdminUser {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    specialistType: u.specialist_type,
    hasSecondFactor: u.totp_enabled_at !== null,
    disabled: u.disabled_at !== null,
    createdAt: u.created_at.toISOString(),
  };
}

/** Staff only: patients' accounts are theirs, and their details are PHI an admin does not need. */
export async function listStaff(p: Platform): Promise<AdminUser[]> {
  const { rows } = await p.db.query<UserRow>(
    `SELECT id, email, display_name, role, specialist_type, password_hash, totp_secret_sealed, totp_enabled_at,
       totp_last_step, totp_failures, totp_blocked_until, locale, disabled_at, created_at
     FROM users WHERE role <> 'patient' ORDER BY display_name, id LIMIT 1000`,
  );
  return rows.map(toAdminUser);
}

export async function listSpecialistTypes(p: Platform) {
  const { rows } = await p.db.query<{ code: string; name: string }>(
    'SELECT code, name FROM specialist_types ORDER BY name',
  );
  return rows;
}

async function assertSpecialistType(tx: Sql, role: string, specialistType: string | null | undefined) {
  if (role !== 'specialist') return null;
  if (!specialistType) throw new AppError('SPECIALIST_TYPE_REQUIRED');
  const { rows } = await tx.query('SELECT 1 FROM specialist_types WHERE code = $1', [specialistType]);
  if (rows.length === 0) throw new AppError('SPECIALIST_TYPE_UNKNOWN');
  return specialistType;
}

/** Creates a staff account without a password and emails an invitation to set one. */
export async function createStaff(p: Platform, actor: Actor, input: CreateStaffBody): Promise<AdminUser> {
  return p.db.transaction(async (tx) => {
    const specialistType = await assertSpecialistType(tx, input.role, input.specialistType);
    const user = await insertUser(
      tx,
      {
        email: input.email,
        displayName: input.displayName.trim(),
        role: input.role,
        specialistType,
        passwordHash: null,
        locale: 'en',
      },
      p.clock.now(),
    );
    if (!user) throw new AppError('EMAIL_TAKEN');
    await issuePasswordToken(tx, p, user.id, 'invite');
    await appendAudit(tx, p.clock, {
      ...actor,
      action: 'account.create',
      objectType: 'user',
      objectId: user.id,
      outcome: 'success',
    });
    return toAdminUser(user);
  });
}

/** Role, specialist type, disable/enable. Disabling ends the user's sessions at once. */
export async function updateUser(p: Platform, actor: Actor, id: string, input: UpdateUserBody): Promise<AdminUser> {
  if (id === actor.userId && (input.role !== undefined || input.disabled === true)) {
    throw new AppError('CANNOT_CHANGE_OWN_ACCOUNT');
  }
  return p.db.transaction(async (tx) => {
    const user = await findUserById(tx, id);
    if (!user || user.role === 'patient') throw new AppError('NOT_FOUND');
    const now = p.clock.now();
    const role = input.role ?? user.role;
    const specialistType = await assertSpecialistType(
      tx,
      role,
      input.specialistType === undefined ? user.specialist_type : input.specialistType,
    );
    const disabledAt =
      input.disabled === undefined ? user.disabled_at : input.disabled ? (user.disabled_at ?? now) : null;
    await tx.query(
      'UPDATE users SET role = $2, specialist_type = $3, disabled_at = $4, updated_at = $5 WHERE id = $1',
      [id, role, specialistType, disabledAt, now],
    );
    const base = { ...actor, objectType: 'user', objectId: id, outcome: 'success' as const };
    if (role !== user.role || specialistType !== user.specialist_type) {
      await revokeAllSessions(tx, p, id);
      await appendAudit(tx, p.clock, { ...base, action: 'account.role_change' });
    }
    if (input.disabled === true && !user.disabled_at) {
      await revokeAllSessions(tx, p, id);
      await appendAudit(tx, p.clock, { ...base, action: 'account.disable' });
    }
    if (input.disabled === false && user.disabled_at)
      await appendAudit(tx, p.clock, { ...base, action: 'account.enable' });
    return toAdminUser({ ...user, role, specialist_type: specialistType, disabled_at: disabledAt });
  });
}

/** For a lost phone: the user enrols again at next sign-in. */
export async function resetSecondFactor(p: Platform, actor: Actor, id: string): Promise<void> {
  await p.db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE users SET totp_secret_sealed = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_failures = 0,
         totp_blocked_until = NULL, updated_at = $2 WHERE id = $1 AND role <> 'patient'`,
      [id, p.clock.now()],
    );
    if (rowCount === 0) throw new AppError('NOT_FOUND');
    await revokeAllSessions(tx, p, id);
    await appendAudit(tx, p.clock, {
      ...actor,
      action: 'account.second_factor_reset',
      objectType: 'user',
      objectId: id,
      outcome: 'success',
    });
  });
}

export async function retryJob(p: Platform, actor: Actor, id: string): Promise<void> {
  await p.db.transaction(async (tx) => {
    if (!(await retryDeadJob(tx, id, p.clock.now()))) throw new AppError('JOB_NOT_RETRYABLE');
    await appendAudit(tx, p.clock, {
      ...actor,
      action: 'outbox.retry',
      objectType: 'job',
      objectId: id,
      outcome: 'success',
    });
  });
}
