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
    /** Days after a request for more photos (and again every as many days) without them: remind the submitter. */
    requestReminderDays: number;
  };
  push: PushConfig;
  /** Where sealed blobs go: the data folder, or S3-compatible object storage (production, several nodes). */
  blobs: BlobStoreConfig;
}

export type BlobStoreConfig =
  | { kind: 'local' }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** For S3-compatible services (MinIO, Ceph, R2…); AWS itself needs none. */
      endpoint: string | null;
      forcePathStyle: boolean;
      /** Every object key starts with this, so one bucket can hold several installations. */
      prefix: string;
      /** Static credentials; without them the AWS SDK's default chain applies (instance or task role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | null;
    };

function blobStoreConfig(env: Env): BlobStoreConfig {
  const kind = env.BLOB_STORE || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new ConfigError(`BLOB_STORE must be local or s3, got "${kind}"`);
  const bucket = env.S3_BUCKET;
  if (!bucket || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError('S3_BUCKET must name the bucket (3-63 lower-case letters, digits, dots or hyphens)');
  }
  const prefix = env.S3_PREFIX ?? 'dermis/';
  if (!/^([A-Za-z0-9_-]+\/)*$/.test(prefix)) {
    throw new ConfigError('S3_PREFIX must be folder names ending in "/", e.g. dermis/ (or empty)');
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID || null;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || null;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  const forcePathStyle = env.S3_FORCE_PATH_STYLE ?? 'false';
  if (!['true', 'false'].includes(forcePathStyle)) throw new ConfigError('S3_FORCE_PATH_STYLE must be true or false');
  return {
    kind,
    bucket,
    region: env.S3_REGION || 'us-east-1',
    endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
    forcePathStyle: forcePathStyle === 'true',
    prefix,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null,
  };
}

/** Web push (notifications module). */
export interface PushConfig {
  /** Push service hosts the server may POST to; `*.example.com` matches subdomains. Anything else is refused. */
  allowedHosts: string[];
  /** VAPID contact (mailto: or https:) that push services may use to reach the operator. */
  subject: string;
  /** Fixed VAPID key pair (base64url); without one, a pair is derived from the master key. */
  vapid: { publicKey: string; privateKey: string } | null;
  /** Extra CA certificate(s) trusted for push service connections (a TLS-inspecting proxy); PEM file. */
  caFile: string | null;
}

// The push services of Chrome/Edge/Android (FCM), Firefox, Windows (WNS) and Safari (Apple).
const DEFAULT_PUSH_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
];

function pushConfig(env: Env, mailFrom: string): PushConfig {
  const hosts = env.PUSH_ALLOWED_HOSTS
    ? env.PUSH_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase())
    : DEFAULT_PUSH_HOSTS;
  if (!hosts.every((h) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(h))) {
    throw new ConfigError('PUSH_ALLOWED_HOSTS must be host names separated by commas, e.g. fcm.googleapis.com');
  }
  const publicKey = env.VAPID_PUBLIC_KEY || null;
  const privateKey = env.VAPID_PRIVATE_KEY || null;
  if (Boolean(publicKey) !== Boolean(privateKey)) {
    throw new ConfigError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  }
  const b64url = (v: string, bytes: number) =>
    /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, 'base64url').length === bytes;
  if (publicKey && privateKey && !(b64url(publicKey, 65) && b64url(privateKey, 32))) {
    throw new ConfigError('VAPID keys must be base64url: a 65-byte public key and a 32-byte private key');
  }
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const subject = env.VAPID_SUBJECT || `mailto:${address}`;
  if (!/^(mailto:|https:\/\/)/.test(subject))
    throw new ConfigError('VAPID_SUBJECT must start with mailto: or https://');
  return {
    allowedHosts: hosts,
    subject,
    vapid: publicKey && privateKey ? { publicKey, privateKey } : null,
    caFile: env.PUSH_CA_FILE || null,
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
      requestReminderDays: int(env, 'PHOTO_REQUEST_REMINDER_DAYS', 3, 1, 60),
    },
    push: pushConfig(env, mailFrom),
    blobs: blobStoreConfig(env),
  };
}
