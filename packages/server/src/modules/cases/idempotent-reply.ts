import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import { auditRequest } from '../../platform/http-hooks.ts';
import { claimIdempotencyKey, parseIdempotencyKey, releaseIdempotencyKey, requestHash } from './idempotency.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Runs a use case that must happen once per Idempotency-Key (see idempotency.ts) and sends its answer: the first
 * answer byte for byte on a replay (itself an audited read of the case), and the key released when the use case
 * fails, so it may be retried once the problem is fixed. `run` stores its answer with completeIdempotencyKey.
 */
export async function replyIdempotently(
  p: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  op: {
    userId: string;
    caseId: string;
    replayAction: string;
    run: (key: string) => Promise<{ status: number; body: string }>;
  },
) {
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  const claim = await claimIdempotencyKey(p.db, {
    userId: op.userId,
    key,
    requestHash: requestHash(request.method, request.url.split('?')[0]!, request.body ?? null),
    now: p.clock.now(),
  });
  if (claim.kind === 'replay') {
    await auditRequest(p, request, p.db, {
      action: op.replayAction,
      objectType: 'case',
      objectId: op.caseId,
      outcome: 'success',
    });
    return reply.code(claim.status).header('idempotent-replayed', 'true').type(JSON_TYPE).send(claim.body);
  }
  try {
    const result = await op.run(key);
    return reply.code(result.status).type(JSON_TYPE).send(result.body);
  } catch (error) {
    // Nothing happened: the same key may be used again once the problem is fixed.
    await releaseIdempotencyKey(p.db, op.userId, key);
    throw error;
  }
}
