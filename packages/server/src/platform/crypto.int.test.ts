import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadKeyRing, open, seal } from './crypto.ts';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-keyring-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const embedded = (dataDir: string) => ({
  masterKey: null,
  masterKeyId: 'k1',
  previousMasterKeys: null,
  dataDir,
  databaseUrl: null,
});

describe('loadKeyRing in embedded mode (no DERMIS_MASTER_KEY)', () => {
  it('generates master.key once with mode 0600 in a 0700 folder, and warns', () => {
    const dataDir = path.join(tmp, 'new-data');
    const warn = vi.fn();
    const ring = loadKeyRing(embedded(dataDir), warn);

    const file = path.join(dataDir, 'master.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(file);
    expect(warn.mock.calls[0]![0]).toContain('DERMIS_MASTER_KEY');
    expect(ring.currentId).toBeTruthy();
  });

  it('reuses the same key on the next start, still warning, without rewriting the file', () => {
    const first = loadKeyRing(embedded(tmp), () => {});
    const file = path.join(tmp, 'master.key');
    const before = fs.readFileSync(file, 'utf8');
    const sealed = seal(first, Buffer.from('totp secret'), 'totp:u1');

    const warn = vi.fn();
    const second = loadKeyRing(embedded(tmp), warn);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(open(second, sealed, 'totp:u1').toString()).toBe('totp secret');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('DERMIS_MASTER_KEY');
  });

  it('two data folders get different keys', () => {
    const a = loadKeyRing(embedded(path.join(tmp, 'a')), () => {});
    const b = loadKeyRing(embedded(path.join(tmp, 'b')), () => {});
    const sealed = seal(a, Buffer.from('x'), 'c');
    expect(() => open(b, sealed, 'c')).toThrow();
  });
});

describe('loadKeyRing with a configured key', () => {
  it('uses DERMIS_MASTER_KEY and its id, writes nothing and does not warn', () => {
    const key = randomBytes(32);
    const warn = vi.fn();
    const ring = loadKeyRing({ ...embedded(tmp), masterKey: key.toString('base64'), masterKeyId: 'prod-2026' }, warn);
    expect(ring.currentId).toBe('prod-2026');
    expect(ring.key('prod-2026').equals(key)).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'master.key'))).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps previous keys so data sealed before a rotation still opens', () => {
    const old = randomBytes(32);
    const oldRing = loadKeyRing({ ...embedded(tmp), masterKey: old.toString('base64'), masterKeyId: 'k1' }, () => {});
    const sealed = seal(oldRing, Buffer.from('before rotation'), 'doc:1');
    const ring = loadKeyRing(
      {
        ...embedded(tmp),
        masterKey: randomBytes(32).toString('base64'),
        masterKeyId: 'k2',
        previousMasterKeys: `k1:${old.toString('base64')}`,
      },
      () => {},
    );
    expect(ring.currentId).toBe('k2');
    expect(open(ring, sealed, 'doc:1').toString()).toBe('before rotation');
  });

  it('refuses to start with DATABASE_URL and no master key, and writes no key file', () => {
    expect(() => loadKeyRing({ ...embedded(tmp), databaseUrl: 'postgres://db/dermis' }, () => {})).toThrow(
      /DERMIS_MASTER_KEY/,
    );
    expect(fs.existsSync(path.join(tmp, 'master.key'))).toBe(false);
  });
});
