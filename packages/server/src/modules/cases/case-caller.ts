import type { Role } from '@dermis/core';
import type { FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, auditRequest } from '../../platform/http-hooks.ts';

/** Writes the request's PHI audit row inside the use case's transaction. */
export type AuditWriter = (
  tx: Sql,
  entry: { action: string; objectType: string; objectId: string | null; patientId: string | null },
) => Promise<void>;

/** Who calls a cases use case: their id and role (the scope), and how to audit what they did. */
export interface CaseCaller {
  userId: string;
  role: Role;
  ip: string;
  userAgent: string | null;
  audit: AuditWriter;
}

export function callerOf(p: Platform, request: FastifyRequest): CaseCaller {
  const session = request.session;
  if (!session) throw new AppError('UNAUTHENTICATED');
  const actor = actorOf(request);
  return {
    userId: session.user.id,
    role: session.user.role,
    ip: actor.ip,
    userAgent: actor.userAgent,
    audit: (tx, entry) => auditRequest(p, request, tx, { ...entry, outcome: 'success' }),
  };
}

/**
 * Runs a use case for a route. If it fails, its transaction (and the success audit row in it) rolled back:
 * the request is marked unaudited again, so the PHI hook records the failed or denied attempt instead.
 */
export async function runAudited<T>(request: FastifyRequest, useCase: () => Promise<T>): Promise<T> {
  try {
    return await useCase();
  } catch (error) {
    request.audited = false;
    throw error;
  }
}
