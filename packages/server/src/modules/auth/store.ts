import type { Role } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  specialist_type: string | null;
  password_hash: string | null;
  totp_secret_sealed: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  totp_failures: number;
  totp_blocked_until: Date | null;
  locale: 'en' | 'es';
  disabled_at: Date | null;
  created_at: Date;
}

const USER_COLUMNS = `id, email, display_name, role, specialist_type, password_hash, totp_secret_sealed, totp_enabled_at,
  totp_last_step, totp_failures, totp_blocked_until, locale, disabled_at, created_at`;

/** Emails compare case-insensitively and without surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Sql, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email_normalized = $1`, [
    normalizeEmail(email),
  ]);
  return rows[0] ?? null;
}

export async function findUserById(db: Sql, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertUser(
  db: Sql,
  user: {
    email: string;
    displayName: string;
    role: Role;
    specialistType: string | null;
    passwordHash: string | null;
    locale: 'en' | 'es';
  },
  now: Date,
): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (email, email_normalized, display_name, role, specialist_type, password_hash, locale, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (email_normalized) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [
      user.email.trim(),
      normalizeEmail(user.email),
      user.displayName,
      user.role,
      user.specialistType,
      user.passwordHash,
      user.locale,
      now,
    ],
  );
  return rows[0] ?? null;
}

export function toSessionUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role,
    specialistType: user.specialist_type,
    hasSecondFactor: user.totp_enabled_at !== null,
    locale: user.locale,
  };
}
