import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const CWD = path.resolve('/srv/dermis');
const KEY_32 = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig defaults serve the embedded mode', () => {
  const config = loadConfig({}, CWD);

  it('listens on port 3000 on all interfaces', () => {
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
  });

  it('keeps data in ./data, resolved against the working directory', () => {
    expect(config.dataDir).toBe(path.join(CWD, 'data'));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('uses the embedded database, no SMTP, no TLS, no trusted proxy', () => {
    expect(config.databaseUrl).toBeNull();
    expect(config.smtp).toBeNull();
    expect(config.tls).toBeNull();
    expect(config.trustProxy).toBe(false);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('has a 15-minute staff idle timeout and info logging', () => {
    expect(config.session.idleMinutesStaff).toBe(15);
    expect(config.logLevel).toBe('info');
  });
});

describe('loadConfig accepts good values', () => {
  it.each([
    [
      'a relative data folder is resolved against cwd',
      { DERMIS_DATA_DIR: 'var/dermis' },
      { dataDir: path.join(CWD, 'var/dermis') },
    ],
    ['an absolute data folder is kept', { DERMIS_DATA_DIR: '/data/dermis' }, { dataDir: path.resolve('/data/dermis') }],
    [
      'postgres:// selects a PostgreSQL server',
      { DATABASE_URL: 'postgres://u@db:5432/dermis' },
      { databaseUrl: 'postgres://u@db:5432/dermis' },
    ],
    ['postgresql:// too', { DATABASE_URL: 'postgresql://db/dermis' }, { databaseUrl: 'postgresql://db/dermis' }],
    ['PORT=0 lets the system pick a port', { PORT: '0' }, { port: 0 }],
    ['PORT=65535 is the last valid port', { PORT: '65535' }, { port: 65535 }],
    ['an empty PORT falls back to 3000', { PORT: '' }, { port: 3000 }],
    ['TRUST_PROXY with proxy addresses', { TRUST_PROXY: '10.0.0.0/8' }, { trustProxy: '10.0.0.0/8' }],
    ['TRUST_PROXY=false means no proxy', { TRUST_PROXY: 'false' }, { trustProxy: false }],
    [
      'TLS files set together',
      { TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' },
      { tls: { certFile: 'c.pem', keyFile: 'k.pem' } },
    ],
    [
      'TLS makes the public URL https',
      { TLS_CERT: 'c.pem', TLS_KEY: 'k.pem', PORT: '8443' },
      { publicUrl: 'https://localhost:8443' },
    ],
    [
      'a trailing slash is dropped from PUBLIC_URL',
      { PUBLIC_URL: 'https://dermis.example.org/' },
      { publicUrl: 'https://dermis.example.org' },
    ],
    [
      'SMTP_URL enables SMTP with MAIL_FROM',
      { SMTP_URL: 'smtp://mail:25', MAIL_FROM: 'x@y.org' },
      { smtp: { url: 'smtp://mail:25', from: 'x@y.org' } },
    ],
    [
      'a 32-byte master key with its id',
      { DERMIS_MASTER_KEY: KEY_32, DERMIS_MASTER_KEY_ID: 'k2' },
      { masterKey: KEY_32, masterKeyId: 'k2' },
    ],
    [
      'previous master keys for rotation',
      { DERMIS_PREVIOUS_MASTER_KEYS: `k1:${KEY_32},k0:${KEY_32}` },
      { previousMasterKeys: `k1:${KEY_32},k0:${KEY_32}` },
    ],
    ['LOG_LEVEL=silent', { LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
  ])('%s', (_name, env, expected) => {
    expect(loadConfig(env, CWD)).toMatchObject(expected);
  });
});

describe('loadConfig refuses bad values with a ConfigError that names the variable', () => {
  it.each([
    ['PORT that is not a number', { PORT: 'http' }, 'PORT'],
    ['PORT with a sign', { PORT: '-1' }, 'PORT'],
    ['PORT with a decimal point', { PORT: '80.5' }, 'PORT'],
    ['PORT above 65535', { PORT: '65536' }, 'PORT'],
    ['DATABASE_URL with a MySQL scheme', { DATABASE_URL: 'mysql://db/dermis' }, 'DATABASE_URL'],
    ['DATABASE_URL that is not a URL', { DATABASE_URL: 'localhost:5432' }, 'DATABASE_URL'],
    ['DERMIS_MASTER_KEY of 16 bytes', { DERMIS_MASTER_KEY: Buffer.alloc(16).toString('base64') }, 'DERMIS_MASTER_KEY'],
    ['DERMIS_MASTER_KEY of 33 bytes', { DERMIS_MASTER_KEY: Buffer.alloc(33).toString('base64') }, 'DERMIS_MASTER_KEY'],
    ['DERMIS_MASTER_KEY given as 64 hex digits', { DERMIS_MASTER_KEY: 'ab'.repeat(32) }, 'DERMIS_MASTER_KEY'],
    [
      'DERMIS_MASTER_KEY_ID with a space',
      { DERMIS_MASTER_KEY: KEY_32, DERMIS_MASTER_KEY_ID: 'key 2' },
      'DERMIS_MASTER_KEY_ID',
    ],
    [
      'DERMIS_PREVIOUS_MASTER_KEYS without an id',
      { DERMIS_PREVIOUS_MASTER_KEYS: KEY_32 },
      'DERMIS_PREVIOUS_MASTER_KEYS',
    ],
    [
      'DERMIS_PREVIOUS_MASTER_KEYS with a short key',
      { DERMIS_PREVIOUS_MASTER_KEYS: `k1:${Buffer.alloc(8).toString('base64')}` },
      'DERMIS_PREVIOUS_MASTER_KEYS',
    ],
    ['TLS_CERT without TLS_KEY', { TLS_CERT: 'c.pem' }, 'TLS_KEY'],
    ['TLS_KEY without TLS_CERT', { TLS_KEY: 'k.pem' }, 'TLS_CERT'],
    ['TRUST_PROXY=true (any client could spoof X-Forwarded-For)', { TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    ['TRUST_PROXY=yes is not an address', { TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    ['TRUST_PROXY with one bad entry among good ones', { TRUST_PROXY: '10.0.0.0/8,proxy.local' }, 'TRUST_PROXY'],
    ['LOG_LEVEL that pino does not know', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    ['PUBLIC_URL with an ftp scheme', { PUBLIC_URL: 'ftp://dermis.example.org' }, 'PUBLIC_URL'],
    ['SMTP_URL with an http scheme', { SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    ['PASSWORD_RESET_MINUTES below 5', { PASSWORD_RESET_MINUTES: '1' }, 'PASSWORD_RESET_MINUTES'],
    ['OUTBOX_MAX_ATTEMPTS of 0', { OUTBOX_MAX_ATTEMPTS: '0' }, 'OUTBOX_MAX_ATTEMPTS'],
    [
      'SESSION_IDLE_MINUTES_STAFF that is not a number',
      { SESSION_IDLE_MINUTES_STAFF: '15m' },
      'SESSION_IDLE_MINUTES_STAFF',
    ],
  ])('%s', (_name, env, variable) => {
    let thrown: unknown;
    try {
      loadConfig(env, CWD);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toContain(variable);
  });

  it.each([
    [
      'a master key of the wrong length',
      { DERMIS_MASTER_KEY: Buffer.from('short secret value').toString('base64') },
      'c2hvcnQgc2VjcmV0',
    ],
    [
      'a previous master key of the wrong length',
      { DERMIS_PREVIOUS_MASTER_KEYS: `k1:${Buffer.from('short secret value').toString('base64')}` },
      'c2hvcnQgc2VjcmV0',
    ],
    [
      'a database password in a URL with the wrong scheme',
      { DATABASE_URL: 'mysql://dermis:hunter2@db/dermis' },
      'hunter2',
    ],
  ])('does not echo %s in its message', (_name, env, secret) => {
    expect(() => loadConfig(env, CWD)).toThrow(ConfigError);
    expect(() => loadConfig(env, CWD)).not.toThrow(secret);
  });
});

describe('blob store and web push settings', () => {
  it('keep blobs in the data folder and send push only to the known push services by default', () => {
    const config = loadConfig({}, CWD);
    expect(config.blobs).toEqual({ kind: 'local' });
    expect(config.push.allowedHosts).toContain('fcm.googleapis.com');
    expect(config.push.vapid).toBeNull();
    expect(config.push.subject).toBe('mailto:no-reply@dermis.localhost');
  });

  it('reads an S3 store with its defaults', () => {
    const config = loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'clinic-photos' }, CWD);
    expect(config.blobs).toEqual({
      kind: 's3',
      bucket: 'clinic-photos',
      region: 'us-east-1',
      endpoint: null,
      forcePathStyle: false,
      prefix: 'dermis/',
      credentials: null,
    });
  });

  it.each([
    [{ BLOB_STORE: 'ftp' }, /BLOB_STORE/],
    [{ BLOB_STORE: 's3' }, /S3_BUCKET/],
    [{ BLOB_STORE: 's3', S3_BUCKET: 'Bad_Bucket' }, /S3_BUCKET/],
    [{ BLOB_STORE: 's3', S3_BUCKET: 'ok-bucket', S3_PREFIX: '../x' }, /S3_PREFIX/],
    [{ BLOB_STORE: 's3', S3_BUCKET: 'ok-bucket', S3_ACCESS_KEY_ID: 'AKIA' }, /S3_SECRET_ACCESS_KEY/],
    [{ BLOB_STORE: 's3', S3_BUCKET: 'ok-bucket', S3_ENDPOINT: 'ftp://x' }, /S3_ENDPOINT/],
    [{ PUSH_ALLOWED_HOSTS: 'fcm.googleapis.com, http://evil' }, /PUSH_ALLOWED_HOSTS/],
    [{ VAPID_PUBLIC_KEY: 'abc' }, /VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/],
    [{ VAPID_PUBLIC_KEY: 'abc', VAPID_PRIVATE_KEY: 'def' }, /VAPID keys/],
    [{ VAPID_SUBJECT: 'ops@example.org' }, /VAPID_SUBJECT/],
  ])('refuses %o with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env as Record<string, string>, CWD)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>, CWD)).toThrow(message);
  });
});
