import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../modules/auth/totp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/demo/demo-accounts.ts';
import { openEmbedded } from '../platform/db.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const BIN = path.join(REPO_ROOT, 'packages/server/bin/dermis.js');
const HAS_WEB_BUILD = fs.existsSync(path.join(REPO_ROOT, 'packages/web/dist/index.html'));
// Each run starts Node with tsx and opens the embedded database: a few seconds each.
const SLOW = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a fresh machine: embedded database in `dataDir`, nothing else configured. */
function cleanEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: os.tmpdir(), DERMIS_DATA_DIR: dataDir, ...extra };
}

function dermis(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-cli-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function newDataDir(name: string): string {
  return path.join(tmp, name);
}

describe('dermis migrate', () => {
  it(
    'runs twice on a fresh data folder, exits 0 both times, and leaves the folder unlocked',
    async () => {
      const dataDir = newDataDir('migrate');
      const first = await dermis(['migrate'], cleanEnv(dataDir));
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('Migrations are up to date.');
      expect(first.stdout).toContain('Generated a master key');
      expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
      const key = fs.readFileSync(path.join(dataDir, 'master.key'), 'utf8');

      const second = await dermis(['migrate'], cleanEnv(dataDir));
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('Migrations are up to date.');
      expect(second.stdout).toContain('Using the master key');
      expect(fs.readFileSync(path.join(dataDir, 'master.key'), 'utf8')).toBe(key);
      expect(fs.existsSync(path.join(dataDir, 'db.lock'))).toBe(false);
    },
    SLOW,
  );
});

describe('dermis seed-demo and audit verify', () => {
  const dataDir = () => newDataDir('seed');

  it(
    'seed-demo prints the demo accounts table, and is safe to repeat',
    async () => {
      const first = await dermis(['seed-demo'], cleanEnv(dataDir()));
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`Created ${DEMO_ACCOUNTS.length} demo accounts.`);
      expect(first.stdout).toContain(DEMO_PASSWORD);
      for (const account of DEMO_ACCOUNTS) {
        const row = first.stdout.split('\n').find((line) => line.includes(account.email));
        expect(row, account.email).toBeDefined();
        expect(row).toContain(account.role);
        if (account.totpSecret) expect(row).toContain(account.totpSecret);
      }

      const second = await dermis(['seed-demo'], cleanEnv(dataDir()));
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('Demo accounts already exist.');
      expect(second.stdout).toContain(DEMO_ACCOUNTS[0]!.email);
    },
    SLOW,
  );

  it(
    'audit verify passes on the seeded log and reports the first broken row after tampering',
    async () => {
      const intact = await dermis(['audit', 'verify'], cleanEnv(dataDir()));
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(/Audit log intact: \d+ rows verified\./);

      // Tamper as a superuser would: the append-only trigger has to be switched off first.
      const db = await openEmbedded(dataDir());
      try {
        await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
          UPDATE audit_log SET outcome = 'failure' WHERE seq = (SELECT min(seq) + 2 FROM audit_log);
          ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
      } finally {
        await db.close();
      }
      const broken = await dermis(['audit', 'verify'], cleanEnv(dataDir()));
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/Audit log BROKEN at seq \d+ \(2 rows before it verified\)\./);
    },
    SLOW,
  );
});

describe('dermis demo-code', () => {
  it(
    'prints the current 6-digit code of every demo account with a second factor, or of one',
    async () => {
      const all = await dermis(['demo-code'], cleanEnv(newDataDir('codes')));
      expect(all.code).toBe(0);
      const lines = all.stdout.trim().split('\n');
      const staff = DEMO_ACCOUNTS.filter((a) => a.totpSecret);
      expect(lines).toHaveLength(staff.length);
      const now = new Date();
      for (const account of staff) {
        const line = lines.find((l) => l.endsWith(`  ${account.email}`));
        expect(line, account.email).toMatch(/^\d{6} {2}\S+$/);
        // The run took a moment: the code is the one for now or for the previous 30-second step.
        const valid = [now, new Date(now.getTime() - 30_000)].map((t) => currentTotpCode(account.totpSecret!, t));
        expect(valid).toContain(line!.slice(0, 6));
      }

      const one = await dermis(['demo-code', 'derm@demo.dermis.test'], cleanEnv(newDataDir('codes')));
      expect(one.stdout.trim()).toMatch(/^\d{6} {2}derm@demo\.dermis\.test$/);
    },
    SLOW,
  );
});

describe('dermis refuses what it cannot do, with a clear message', () => {
  it.each([
    ['an unknown command', ['frobnicate'], {}, 2, /Unknown command: frobnicate[\s\S]*Usage: dermis/],
    ['an unknown audit subcommand', ['audit', 'erase'], {}, 2, /Unknown command: audit erase[\s\S]*Usage: dermis/],
    ['worker without DATABASE_URL', ['worker'], {}, 1, /'dermis worker' needs DATABASE_URL/],
    ['a PORT that is not a number', ['start'], { PORT: 'http' }, 1, /^dermis: PORT must be a whole number/],
    ['a PORT out of range', ['migrate'], { PORT: '70000' }, 1, /^dermis: PORT must be between 0 and 65535/],
    ['a DATABASE_URL for another database', ['migrate'], { DATABASE_URL: 'mysql://db/x' }, 1, /DATABASE_URL/],
    ['TRUST_PROXY=true', ['start'], { TRUST_PROXY: 'true' }, 1, /TRUST_PROXY/],
  ])(
    '%s',
    async (_name, args, extra, code, message) => {
      const dataDir = newDataDir(`refused-${args.join('-')}`);
      const run = await dermis(args, cleanEnv(dataDir, extra));
      expect(run.code).toBe(code);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
    SLOW,
  );

  it(
    'prints the usage and exits 0 with no command',
    async () => {
      const run = await dermis([], cleanEnv(newDataDir('usage')));
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: dermis <command>');
      for (const command of ['start', 'worker', 'migrate', 'audit verify', 'seed-demo', 'demo-code']) {
        expect(run.stdout).toContain(command);
      }
    },
    SLOW,
  );
});

describe('dermis start', () => {
  let child: ChildProcess;
  let port: number;
  let output = '';
  const dataDir = () => newDataDir('start');
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    port = await freePort();
    child = spawn(process.execPath, [BIN, 'start', '--demo'], {
      cwd: REPO_ROOT,
      env: cleanEnv(dataDir(), { PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const until = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`${base()}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`dermis start exited ${child.exitCode}:\n${output}`);
      if (Date.now() > until) throw new Error(`dermis start did not answer /healthz:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, SLOW);

  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('serves /healthz and says where it runs', async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(output).toContain(`Dermis is running at http://localhost:${port} (embedded database)`);
    expect(output).toContain('patient@demo.dermis.test');
  });

  it(`serves ${HAS_WEB_BUILD ? 'the web app' : 'a 404 problem (no web build)'} at /`, async () => {
    const response = await fetch(`${base()}/`);
    if (HAS_WEB_BUILD) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<div id="root">');
    } else {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
    }
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('signs in a demo patient', async () => {
    const response = await fetch(`${base()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'patient@demo.dermis.test', password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { state: string }).state).toBe('authenticated');
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-dermis_session=/);
  });

  it(
    'holds the data folder: a second process is told the database is in use',
    async () => {
      const second = await dermis(['migrate'], cleanEnv(dataDir()));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by process ${child.pid}`);
      expect(fs.readFileSync(path.join(dataDir(), 'db.lock'), 'utf8')).toBe(String(child.pid));
      // The running server was not disturbed.
      expect((await fetch(`${base()}/readyz`)).status).toBe(200);
    },
    SLOW,
  );

  it(
    'stops cleanly on SIGTERM and releases the data folder',
    async () => {
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(fs.existsSync(path.join(dataDir(), 'db.lock'))).toBe(false);
      await expect(fetch(`${base()}/healthz`)).rejects.toThrow();

      const after = await dermis(['migrate'], cleanEnv(dataDir()));
      expect(after.code).toBe(0);
    },
    SLOW,
  );
});
