import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { SessionInfo } from '@dermis/core';
import type { LightMyRequestResponse } from 'fastify';
import { currentTotpCode } from '../src/modules/auth/totp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/modules/demo/demo-accounts.ts';
import { seedDemo } from '../src/modules/demo/seed-demo.ts';
import { type App, buildApp } from '../src/platform/app.ts';
import { closePlatform, jobHandlers, openPlatform } from '../src/platform/bootstrap.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Platform } from '../src/platform/context.ts';
import type { Mailer } from '../src/platform/mailer.ts';
import { runOutboxOnce } from '../src/platform/outbox.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp {
  app: App;
  p: Platform;
  clock: ManualClock;
  /** Every log line the app wrote, as written. */
  logs: string[];
  dataDir: string;
  client(options?: { ip?: string; headers?: Record<string, string> }): TestClient;
  /** Runs due outbox jobs (emails) now. */
  drainOutbox(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real app on a real database (in-memory embedded, or a fresh database on DATABASE_URL), with a
 * clock the test moves, logs captured, and optionally a real SMTP server behind the mailer.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; seed?: boolean; mailer?: Mailer; smtpUrl?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-test-'));
  const config = loadConfig({
    DERMIS_DATA_DIR: dataDir,
    DERMIS_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'info',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  const clock = new ManualClock(new Date('2026-11-25T09:00:00Z'));
  const p = await openPlatform(config, {
    clock,
    logStream: logStream as never,
    inMemory: true,
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  if (options.seed !== false) await seedDemo(p);
  const app = await buildApp(p);
  await app.ready();
  return {
    app,
    p,
    clock,
    logs,
    dataDir,
    client: (o) => new TestClient(app, o),
    async drainOutbox() {
      for (let i = 0; i < 10; i++) {
        const { done, failed } = await runOutboxOnce(p, jobHandlers);
        if (done + failed === 0) return;
      }
    },
    async close() {
      await app.close();
      await closePlatform(p);
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function demoAccount(role: string, specialistType?: string) {
  const account = DEMO_ACCOUNTS.find(
    (a) => a.role === role && (!specialistType || a.specialistType === specialistType),
  );
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class TestClient {
  cookie: string | null = null;
  csrfToken: string | null = null;
  constructor(
    private readonly app: App,
    private readonly options: { ip?: string; headers?: Record<string, string> } = {},
  ) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.options.ip ?? '127.0.0.1',
      headers: {
        ...this.options.headers,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    this.remember(response);
    return response;
  }

  private remember(response: LightMyRequestResponse) {
    const setCookie = response.cookies.find((c) => c.name === '__Host-dermis_session');
    if (setCookie) this.cookie = setCookie.value ? `__Host-dermis_session=${setCookie.value}` : null;
    if (response.statusCode < 300 && response.headers['content-type']?.toString().includes('json')) {
      const body = response.json() as Partial<SessionInfo>;
      if (body && typeof body === 'object' && typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    }
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }

  login(email: string, password = DEMO_PASSWORD) {
    return this.post('/api/auth/login', { email, password });
  }

  /** Password and second factor, as a demo account of this role. */
  async signInAs(clock: ManualClock, role: string, specialistType?: string) {
    const account = demoAccount(role, specialistType);
    const first = await this.login(account.email);
    if (first.statusCode !== 200) throw new Error(`login failed: ${first.body}`);
    if (!account.totpSecret) return first;
    const second = await this.post('/api/auth/mfa/verify', { code: currentTotpCode(account.totpSecret, clock.now()) });
    if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.body}`);
    // The next code needs the next time step (a code is accepted once).
    clock.advance(30);
    return second;
  }
}
