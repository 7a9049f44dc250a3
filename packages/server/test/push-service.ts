// A push service for tests: a real HTTPS server that stores what the server sends, the way FCM or Mozilla's
// service would (RFC 8030), and a browser-side subscription whose keys decrypt the messages (RFC 8291).
import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error http_ece ships no types; decrypt(buffer, params) is its documented API
import ece from 'http_ece';
import { generate } from 'selfsigned';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface PushService {
  /** The CA file the server must trust (PUSH_CA_FILE). */
  caFile: string;
  origin: string;
  received: ReceivedPush[];
  /** The status the service answers for a path (default 201). */
  answer: Map<string, number>;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-push-'));
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, pems.cert);
  const received: ReceivedPush[] = [];
  const answer = new Map<string, number>();
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const url = request.url ?? '/';
      received.push({ path: url, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(answer.get(url) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    caFile,
    origin: `https://localhost:${port}`,
    received,
    answer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}

/** A browser's subscription: the keys the browser keeps, and the JSON it hands to the page. */
export function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    json: {
      endpoint,
      expirationTime: null,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: auth.toString('base64url') },
    },
    /** Decrypts a message body as the browser would (aes128gcm). */
    decrypt(body: Buffer): unknown {
      const plain: Buffer = ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret: auth });
      return JSON.parse(plain.toString('utf8'));
    },
  };
}

/**
 * Checks a VAPID `Authorization: vapid t=<jwt>, k=<key>` header (RFC 8292) the way a push service does: the key
 * is the one the browser subscribed with, the JWT is ES256-signed by it and names the endpoint's origin.
 */
export function verifyVapid(header: string, expectedKey: string, audience: string, now: Date): Record<string, unknown> {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header);
  if (!match) throw new Error(`not a vapid header: ${header}`);
  const [, jwt, key] = match as unknown as [string, string, string];
  if (key !== expectedKey) throw new Error('vapid key differs from the application server key');
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('vapid signature does not verify');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  if (claims.aud !== audience) throw new Error(`vapid aud ${String(claims.aud)} is not ${audience}`);
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime()) throw new Error('vapid token expired');
  return claims;
}
