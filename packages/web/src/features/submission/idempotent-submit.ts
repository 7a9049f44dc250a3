import { ApiError, NETWORK_ERROR } from '../../api/client.ts';

/**
 * Sends a request that must happen once (case submission) with an Idempotency-Key.
 * - A double tap while a request is in flight gets the same promise: one request.
 * - After a failure whose outcome is unknown (no answer, a server error, or "still in progress") the next try
 *   reuses the key, so if the first request did get through the server replays its answer.
 * - After a definite answer (success, or a refusal the server released the key for) the key is spent; the
 *   next attempt gets a new one. A different body always gets a new key (the server would refuse it: 422).
 */
export interface IdempotentSender<B, R> {
  send(body: B): Promise<R>;
  /** The key the next send of this body would use (for tests and diagnostics). */
  readonly pendingKey: string | null;
}

export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.code === NETWORK_ERROR || error.code === 'IDEMPOTENCY_IN_PROGRESS' || error.status >= 500;
}

export function createIdempotentSender<B, R>(
  request: (body: B, key: string) => Promise<R>,
  newKey: () => string = () => crypto.randomUUID(),
): IdempotentSender<B, R> {
  let pending: { key: string; body: string } | null = null;
  let inFlight: { body: string; promise: Promise<R> } | null = null;

  return {
    get pendingKey() {
      return pending?.key ?? null;
    },
    send(body: B): Promise<R> {
      const text = JSON.stringify(body);
      if (inFlight && inFlight.body === text) return inFlight.promise;
      if (pending === null || pending.body !== text) pending = { key: newKey(), body: text };
      const attempt = pending;
      const promise = request(body, attempt.key).then(
        (result) => {
          pending = null;
          return result;
        },
        (error: unknown) => {
          if (!isOutcomeUnknown(error) && pending === attempt) pending = null;
          throw error;
        },
      );
      const flight = { body: text, promise };
      inFlight = flight;
      const clear = () => {
        if (inFlight === flight) inFlight = null;
      };
      promise.then(clear, clear);
      return promise;
    },
  };
}
