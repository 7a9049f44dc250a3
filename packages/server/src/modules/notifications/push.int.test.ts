import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../test/harness.ts';
import { browserSubscription, type PushService, startPushService, verifyVapid } from '../../../test/push-service.ts';
import { expectProblem } from '../../../test/security/problem-assertions.ts';
import { readyDraft, signUpPatient, submit } from '../cases/case-test-support.ts';

let t: TestApp;
let push: PushService;
beforeAll(async () => {
  push = await startPushService();
  t = await startTestApp({ env: { PUSH_ALLOWED_HOSTS: 'localhost', PUSH_CA_FILE: push.caFile } });
});
afterAll(async () => {
  await t?.close();
  await push?.close();
});

let devices = 0;
function newDevice() {
  devices++;
  return browserSubscription(`${push.origin}/push/device-${devices}`);
}

async function subscribe(c: TestClient, device: ReturnType<typeof newDevice>) {
  const response = await c.put('/api/push/subscription', device.json);
  expect(response.statusCode, response.body).toBe(204);
}

async function submitACase(c: TestClient) {
  const draft = await readyDraft(c, t.app);
  const response = await submit(c, draft.id, draft.intakeVersion, `push-${draft.id}`);
  expect(response.statusCode, response.body).toBe(201);
  return draft;
}

const receivedAt = (device: ReturnType<typeof newDevice>) =>
  push.received.filter((r) => r.path === new URL(device.json.endpoint).pathname);

describe('web push', () => {
  it('a submitted case sends an encrypted, VAPID-signed "received" message with no PHI to each subscribed browser', async () => {
    const { client } = await signUpPatient(t, { givenName: 'Ottoline', familyName: 'Pushwell' });
    const { publicKey } = (await client.get('/api/push/public-key')).json() as { publicKey: string };
    const phone = newDevice();
    const laptop = newDevice();
    await subscribe(client, phone);
    await subscribe(client, laptop);
    const draft = await submitACase(client);
    await t.drainOutbox();

    for (const device of [phone, laptop]) {
      const messages = receivedAt(device);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      expect(message!.headers['content-encoding']).toBe('aes128gcm');
      expect(Number(message!.headers.ttl)).toBeGreaterThan(0);
      verifyVapid(String(message!.headers.authorization), publicKey, push.origin, new Date());
      const shown = device.decrypt(message!.body);
      expect(shown).toEqual({
        title: 'Dermis',
        body: 'We received your request. Open Dermis to see its status.',
        url: '/',
      });
      const text = JSON.stringify(shown);
      for (const phi of ['Ottoline', 'Pushwell', draft.caseNumber, draft.id, 'forearm', 'lesion']) {
        expect(text).not.toContain(phi);
      }
    }
  });

  it('speaks the user’s language', async () => {
    const { client } = await signUpPatient(t);
    expect((await client.put('/api/me/locale', { locale: 'es' })).statusCode).toBe(204);
    const device = newDevice();
    await subscribe(client, device);
    await submitACase(client);
    await t.drainOutbox();
    expect(device.decrypt(receivedAt(device)[0]!.body)).toMatchObject({
      body: 'Recibimos su solicitud. Abra Dermis para ver su estado.',
    });
  });

  it('forgets a subscription the push service reports gone (410), and retries one that failed (500) later', async () => {
    const { client } = await signUpPatient(t);
    const gone = newDevice();
    const flaky = newDevice();
    await subscribe(client, gone);
    await subscribe(client, flaky);
    push.answer.set(new URL(gone.json.endpoint).pathname, 410);
    push.answer.set(new URL(flaky.json.endpoint).pathname, 500);
    await submitACase(client);
    await t.drainOutbox();
    expect(receivedAt(gone)).toHaveLength(1);
    expect(receivedAt(flaky)).toHaveLength(1);
    const status = async (d: ReturnType<typeof newDevice>) =>
      (await client.post('/api/push/subscription/status', { endpoint: d.json.endpoint })).json().subscribed;
    expect(await status(gone)).toBe(false);
    expect(await status(flaky)).toBe(true);

    push.answer.delete(new URL(flaky.json.endpoint).pathname);
    t.clock.advance(3600);
    await t.drainOutbox();
    expect(receivedAt(flaky)).toHaveLength(2);
    expect(receivedAt(gone)).toHaveLength(1);
  });

  it('refuses endpoints outside the allowed push services, malformed keys, and callers without a session', async () => {
    const { client } = await signUpPatient(t);
    const device = newDevice();
    for (const endpoint of [
      'https://127.0.0.1/push/x',
      'https://169.254.169.254/latest/meta-data/iam',
      'https://localhost.evil.example/push',
    ]) {
      expectProblem(
        await client.put('/api/push/subscription', { ...device.json, endpoint }),
        422,
        'PUSH_ENDPOINT_NOT_ALLOWED',
      );
    }
    expectProblem(
      await client.put('/api/push/subscription', { ...device.json, endpoint: 'http://localhost/push' }),
      400,
      'VALIDATION_FAILED',
    );
    const badPoint = { ...device.json, keys: { ...device.json.keys, p256dh: 'A'.repeat(87) } };
    expectProblem(await client.put('/api/push/subscription', badPoint), 400, 'VALIDATION_FAILED');
    const { rows } = await t.p.db.query('SELECT 1 FROM push_subscriptions WHERE endpoint LIKE $1', ['%evil%']);
    expect(rows).toEqual([]);
    const anonymous = t.client();
    expect((await anonymous.put('/api/push/subscription', device.json)).statusCode).toBe(401);
  });

  it('a browser subscribed by one user and then by another notifies only the second; unsubscribing stops messages', async () => {
    const first = await signUpPatient(t);
    const second = await signUpPatient(t);
    const shared = newDevice();
    await subscribe(first.client, shared);
    await subscribe(second.client, shared);
    const check = (c: TestClient) => c.post('/api/push/subscription/status', { endpoint: shared.json.endpoint });
    expect((await check(first.client)).json()).toEqual({ subscribed: false });
    expect((await check(second.client)).json()).toEqual({ subscribed: true });

    await submitACase(first.client);
    await t.drainOutbox();
    expect(receivedAt(shared)).toHaveLength(0);

    const removed = await second.client.request('DELETE', '/api/push/subscription', { endpoint: shared.json.endpoint });
    expect(removed.statusCode).toBe(204);
    await submitACase(second.client);
    await t.drainOutbox();
    expect(receivedAt(shared)).toHaveLength(0);
    const audits = await t.p.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action LIKE 'push.%' AND user_id = $1 ORDER BY seq`,
      [(await second.client.get('/api/me')).json().user.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual(['push.subscribe', 'push.unsubscribe']);
  });
});
