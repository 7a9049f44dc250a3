import { isIP } from 'node:net';
import path from 'node:path';

/**
 * The one place that reads process.env (STYLE.md). Every setting is validated at start and a bad
 * value stops the process with a message that names the variable and says what is expected.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  masterKey: string | null;
  masterKeyId: string;
  /** Older master keys still needed to open data sealed before a rotation: `id:base64,id:base64`. */
  previousMasterKeys: string | null;
  publicUrl: string;
  trustProxy: boolean | string;
  tls: { certFile: string; keyFile: string } | null;
  session: {
    idleMinutesStaff: number;
    idleMinutesPatient: number;
    absoluteHours: number;
  };
  loginThrottle: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowSeconds: number };
  totpThrottle: { maxFailures: number; lockSeconds: number };
  resetTokenMinutes: number;
  inviteTokenHours: number;
  smtp: { url: string; from: string } | null;
  mailFrom: string;
  logLevel: string;
  webDistDir: string;
  outbox: { pollMs: number; maxAttempts: number; baseBackoffSeconds: number };
  /** The response window promised on the submission receipt ("within N business days"). */
  cases: { responseBusinessDays: number };
  photos: {
    /** Photos (and uploads in progress) one case may hold; the slot is taken when an upload is created. */
    maxPerCase: number;
    /** Lifetime of a signed image link; at most 15 minutes (DESIGN.md "Image access"). */
    linkSeconds: number;
    /** A stored blob no photo row names is deleted once it is older than this (a write may still be committing). */
    orphanGraceMinutes: number;
    /** An upload not finished this long after it was created is abandoned: its slot and its bytes are freed. */
    abandonedUploadHours: number;
  };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}`);
  }
  return raw;
}

function trustProxy(raw: string | undefined): boolean | string {
  if (!raw || raw === 'false') return false;
  const entries = raw.split(',').map((e) => e.trim());
  // Addresses or CIDR ranges only: "true" (or any word) would trust every X-Forwarded-For.
  const isAddress = (e: string) => isIP(e.split('/')[0] ?? '') !== 0 && /^[^/]+(\/\d{1,3})?$/.test(e);
  if (!entries.every(isAddress)) {
    throw new ConfigError(
      'TRUST_PROXY must list the proxy addresses or CIDR ranges, e.g. TRUST_PROXY=10.0.0.0/8,127.0.0.1 (never "true")',
    );
  }
  return entries.join(',');
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

const isMasterKey = (b64: string) => Buffer.from(b64, 'base64').length === 32;

function masterKeyId(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'k1';
  if (!KEY_ID.test(raw)) throw new ConfigError('DERMIS_MASTER_KEY_ID must be 1-32 letters, digits, _ or -');
  return raw;
}

/** Checked at start: a malformed old key would only show later, as stored data that no longer opens. */
function previousMasterKeys(raw: string | undefined): string | null {
  if (!raw) return null;
  for (const entry of raw.split(',')) {
    const [id, b64, ...rest] = entry.split(':');
    if (!id || !KEY_ID.test(id) || !b64 || rest.length > 0 || !isMasterKey(b64)) {
      throw new ConfigError(
        'DERMIS_PREVIOUS_MASTER_KEYS must be id:base64 entries separated by commas, each key 32 bytes',
      );
    }
  }
  return raw;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const masterKey = env.DERMIS_MASTER_KEY || null;
  if (masterKey !== null && !isMasterKey(masterKey)) {
    throw new ConfigError('DERMIS_MASTER_KEY must be 32 random bytes in base64 (openssl rand -base64 32)');
  }
  const certFile = env.TLS_CERT || null;
  const keyFile = env.TLS_KEY || null;
  if (Boolean(certFile) !== Boolean(keyFile)) throw new ConfigError('TLS_CERT and TLS_KEY must be set together');
  const tls = certFile && keyFile ? { certFile, keyFile } : null;
  const publicUrl =
    url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `${tls ? 'https' : 'http'}://localhost:${port === 0 ? 3000 : port}`;
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = env.MAIL_FROM || 'Dermis <no-reply@dermis.localhost>';
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.DERMIS_DATA_DIR || './data'),
    databaseUrl,
    masterKey,
    masterKeyId: masterKeyId(env.DERMIS_MASTER_KEY_ID),
    previousMasterKeys: previousMasterKeys(env.DERMIS_PREVIOUS_MASTER_KEYS),
    publicUrl: publicUrl.replace(/\/$/, ''),
    trustProxy: trustProxy(env.TRUST_PROXY),
    tls,
    session: {
      idleMinutesStaff: int(env, 'SESSION_IDLE_MINUTES_STAFF', 15, 1, 24 * 60),
      idleMinutesPatient: int(env, 'SESSION_IDLE_MINUTES_PATIENT', 30, 1, 24 * 60),
      absoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    },
    loginThrottle: {
      maxFailuresPerAccount: int(env, 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
      maxFailuresPerIp: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100000),
      windowSeconds: int(env, 'LOGIN_THROTTLE_WINDOW_SECONDS', 900, 1, 86400),
    },
    totpThrottle: {
      maxFailures: int(env, 'TOTP_MAX_FAILURES', 5, 1, 100),
      lockSeconds: int(env, 'TOTP_LOCK_SECONDS', 900, 1, 86400),
    },
    resetTokenMinutes: int(env, 'PASSWORD_RESET_MINUTES', 30, 5, 24 * 60),
    inviteTokenHours: int(env, 'INVITE_HOURS', 72, 1, 24 * 30),
    smtp: smtpUrl ? { url: smtpUrl, from: mailFrom } : null,
    mailFrom,
    logLevel,
    webDistDir: path.resolve(import.meta.dirname, '../../../web/dist'),
    outbox: {
      pollMs: int(env, 'OUTBOX_POLL_MS', 1000, 10, 60000),
      maxAttempts: int(env, 'OUTBOX_MAX_ATTEMPTS', 8, 1, 100),
      baseBackoffSeconds: int(env, 'OUTBOX_BACKOFF_SECONDS', 5, 1, 3600),
    },
    cases: {
      responseBusinessDays: int(env, 'CASE_RESPONSE_BUSINESS_DAYS', 2, 1, 30),
    },
    photos: {
      maxPerCase: int(env, 'PHOTOS_PER_CASE_MAX', 12, 1, 100),
      linkSeconds: int(env, 'IMAGE_LINK_SECONDS', 300, 10, 900),
      orphanGraceMinutes: int(env, 'PHOTO_ORPHAN_GRACE_MINUTES', 60, 5, 7 * 24 * 60),
      abandonedUploadHours: int(env, 'PHOTO_UPLOAD_ABANDON_HOURS', 24, 1, 30 * 24),
    },
  };
}
