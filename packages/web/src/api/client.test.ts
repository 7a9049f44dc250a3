import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, NETWORK_ERROR, UNKNOWN_ERROR } from './client.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeServer(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const client = new ApiClient(
    async (url, init) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    },
    () => 1_000,
  );
  return { client, calls };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const problem = (status: number, code: string, extra: object = {}) =>
  json(status, { type: 'about:blank', title: 'x', status, code, ...extra }, 'application/problem+json');
const headersOf = (call: Call | undefined) => new Headers(call?.init.headers);

describe('ApiClient requests', () => {
  it('sends the CSRF token and JSON content type on a POST with a body', async () => {
    const { client, calls } = fakeServer(() => json(200, { ok: true }));
    client.setCsrfToken('tok-1');
    await expect(client.request('POST', '/api/x', { body: { a: 1 } })).resolves.toEqual({ ok: true });
    const headers = headersOf(calls[0]);
    expect(headers.get('x-csrf-token')).toBe('tok-1');
    expect(headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{"a":1}');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('sends no content type for a POST without a body, and no CSRF token on GET', async () => {
    const { client, calls } = fakeServer(() => new Response(null, { status: 204 }));
    client.setCsrfToken('tok-1');
    await expect(client.request('POST', '/api/auth/logout')).resolves.toBeUndefined();
    await client.request('GET', '/api/me');
    expect(headersOf(calls[0]).has('content-type')).toBe(false);
    expect(headersOf(calls[0]).get('x-csrf-token')).toBe('tok-1');
    expect(headersOf(calls[1]).has('x-csrf-token')).toBe(false);
    expect(calls[0]?.init.body).toBeNull();
  });

  it('reports server contact with the request start time, only for successful answers', async () => {
    let status = 200;
    const { client } = fakeServer(() => (status === 200 ? json(200, {}) : problem(status, 'INTERNAL')));
    const contacts: number[] = [];
    client.onServerContact((startedAt) => contacts.push(startedAt));
    await client.request('GET', '/api/me');
    status = 500;
    await client.request('GET', '/api/me').catch(() => undefined);
    expect(contacts).toEqual([1_000]);
  });
});

describe('ApiClient errors', () => {
  it('turns a problem+json body into an ApiError with its code and retry hint', async () => {
    const { client } = fakeServer(() => problem(429, 'LOGIN_THROTTLED', { retryAfterSeconds: 300 }));
    const error = await client.request('POST', '/api/auth/login', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'LOGIN_THROTTLED', retryAfterSeconds: 300 });
  });

  it('uses a generic code when the error body is not a problem (e.g. a proxy page)', async () => {
    const { client } = fakeServer(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ status: 502, code: UNKNOWN_ERROR });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    const { client } = fakeServer(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('announces a lost session once, forgets the CSRF token, and stays quiet for the load-time probe', async () => {
    const { client, calls } = fakeServer(() => problem(401, 'SESSION_EXPIRED'));
    const lost: string[] = [];
    client.onSessionLost((code) => lost.push(code));
    client.setCsrfToken('tok-1');
    await client.request('GET', '/api/auth/session', { isSessionProbe: true }).catch(() => undefined);
    expect(lost).toEqual([]);
    await client.request('GET', '/api/me').catch(() => undefined);
    expect(lost).toEqual(['SESSION_EXPIRED']);
    await client.request('POST', '/api/x').catch(() => undefined);
    expect(headersOf(calls[2]).has('x-csrf-token')).toBe(false);
  });

  it('does not treat wrong credentials as a lost session', async () => {
    const { client } = fakeServer(() => problem(401, 'INVALID_CREDENTIALS'));
    const lost: string[] = [];
    client.onSessionLost((code) => lost.push(code));
    await client.request('POST', '/api/auth/login', { body: {} }).catch(() => undefined);
    expect(lost).toEqual([]);
  });
});
