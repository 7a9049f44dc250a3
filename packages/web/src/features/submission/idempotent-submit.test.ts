import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../../api/client.ts';
import { createIdempotentSender } from './idempotent-submit.ts';

function setUp(outcomes: (string | Error)[]) {
  const keys: string[] = [];
  let n = 0;
  const sender = createIdempotentSender<{ intakeVersion: number }, string>(
    async (_body, key) => {
      keys.push(key);
      const outcome = outcomes.shift();
      if (outcome instanceof Error) throw outcome;
      return outcome ?? 'ok';
    },
    () => `key-${++n}`,
  );
  return { sender, keys };
}

const networkDown = () => new ApiError(0, NETWORK_ERROR, null);

describe('idempotent submission', () => {
  it('a retry after a network failure reuses the key, so the server can replay instead of submitting twice', async () => {
    const { sender, keys } = setUp([networkDown(), 'receipt']);
    await expect(sender.send({ intakeVersion: 3 })).rejects.toThrow(NETWORK_ERROR);
    await expect(sender.send({ intakeVersion: 3 })).resolves.toBe('receipt');
    expect(keys).toEqual(['key-1', 'key-1']);
  });

  it('a double tap while the request is in flight sends one request', async () => {
    const { sender, keys } = setUp(['receipt']);
    const [a, b] = await Promise.all([sender.send({ intakeVersion: 1 }), sender.send({ intakeVersion: 1 })]);
    expect([a, b]).toEqual(['receipt', 'receipt']);
    expect(keys).toEqual(['key-1']);
  });

  it.each([
    ['a server error (outcome unknown) keeps the key', new ApiError(500, 'INTERNAL', null), ['key-1', 'key-1']],
    ['"still in progress" keeps the key', new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', null), ['key-1', 'key-1']],
    [
      'a definite refusal spends the key (the server released it)',
      new ApiError(409, 'CONSENT_REQUIRED', null),
      ['key-1', 'key-2'],
    ],
  ])('%s', async (_name, error, expected) => {
    const { sender, keys } = setUp([error, 'receipt']);
    await expect(sender.send({ intakeVersion: 1 })).rejects.toBe(error);
    await sender.send({ intakeVersion: 1 });
    expect(keys).toEqual(expected);
  });

  it('a different body (answers reviewed again) gets a new key; a success spends the key', async () => {
    const { sender, keys } = setUp([networkDown(), 'receipt', 'again']);
    await expect(sender.send({ intakeVersion: 1 })).rejects.toThrow();
    await sender.send({ intakeVersion: 2 });
    expect(sender.pendingKey).toBeNull();
    await sender.send({ intakeVersion: 2 });
    expect(keys).toEqual(['key-1', 'key-2', 'key-3']);
  });
});
