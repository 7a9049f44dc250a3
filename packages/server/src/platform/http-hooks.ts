import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor, lookupSession, SESSION_COOKIE, type Session } from '../modules/auth/index.ts';
import type { Access } from './access.ts';
import { type AuditEntry, appendAudit } from './audit.ts';
import type { Actor, Platform } from './context.ts';
import { safeEqual } from './crypto.ts';
import type { Sql } from './db.ts';
import { AppError, problemBody } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    /** Set once the request's PHI audit row is written (by a service in its transaction, or by the hook). */
    audited: boolean;
    /** What a PHI read concerned, for the audit hook. */
    auditTarget: { objectId?: string | null; patientId?: string | null } | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function actorOf(request: FastifyRequest): Actor {
  const ua = request.headers['user-agent'];
  return {
    userId: request.session?.user.id ?? null,
    role: request.session?.user.role ?? null,
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua : null,
  };
}

/** Writes the request's audit row (in `tx` when the change has one) and marks the request audited. */
export async function auditRequest(
  p: Platform,
  request: FastifyRequest,
  tx: Sql,
  entry: Omit<AuditEntry, 'userId' | 'role' | 'ip' | 'userAgent'> & Partial<Pick<AuditEntry, 'userId' | 'role'>>,
): Promise<void> {
  const actor = actorOf(request);
  await appendAudit(tx, p.clock, {
    userId: actor.userId,
    role: actor.role,
    ip: actor.ip,
    userAgent: actor.userAgent,
    ...entry,
  });
  request.audited = true;
}

function isAllowedOrigin(p: Platform, request: FastifyRequest, origin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.origin === new URL(p.config.publicUrl).origin || parsed.host === request.headers.host;
}

function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
}

/**
 * Deny by default: every route declares `config.access`; a route without one stops the app at
 * start. Each request then resolves its session, checks the route's roles (404 outside them), the
 * second-factor state, and CSRF on state-changing requests.
 */
export function registerAccessHooks(app: FastifyInstance, p: Platform): void {
  app.decorateRequest('session', null);
  app.decorateRequest('audited', false);
  app.decorateRequest('auditTarget', null);

  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access as Access | undefined;
    // Fastify's own 404 route has no config: answer it as not found below.
    if (!access) return;

    if (UNSAFE.has(request.method)) {
      // A browser always sends Origin on cross-site writes; a request from a foreign page is refused
      // before anything else happens. Non-browser clients send neither header.
      const origin = request.headers.origin;
      if (origin !== undefined && !isAllowedOrigin(p, request, origin)) throw new AppError('CSRF_REJECTED');
      if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF_REJECTED');
    }

    const token = request.cookies[SESSION_COOKIE];
    const lookup = await lookupSession(p, token);
    if (lookup.kind === 'ended') clearSessionCookie(reply);
    request.session = lookup.kind === 'active' ? lookup.session : null;

    if (access.kind === 'public') return;
    const session = request.session;
    if (!session) throw new AppError(lookup.kind === 'ended' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');

    const isPending = session.state !== 'authenticated';
    if (isPending && !access.pendingSecondFactor) throw new AppError('SECOND_FACTOR_REQUIRED');
    if (!isPending && access.pendingSecondFactor === 'only') throw new AppError('NOT_FOUND');
    if (access.roles !== 'any' && !access.roles.includes(session.user.role)) {
      await auditRequest(p, request, p.db, {
        action: 'access.denied',
        objectType: 'route',
        objectId: request.routeOptions.url ?? null,
        outcome: 'denied',
      });
      throw new AppError('NOT_FOUND');
    }
    if (UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(p, session.id)))
        throw new AppError('CSRF_REJECTED');
    }
  });

  // PHI routes cannot skip their audit row: if the handler did not write one, this hook does, and if
  // that write fails the response is replaced by an error (no silent gaps).
  app.addHook('onSend', async (request, reply, payload) => {
    const phi = request.routeOptions.config.phi;
    if (!phi || request.audited) return payload;
    const status = reply.statusCode;
    try {
      await auditRequest(p, request, p.db, {
        action: phi.action,
        objectType: phi.objectType,
        objectId: request.auditTarget?.objectId ?? null,
        patientId: request.auditTarget?.patientId ?? null,
        outcome: status < 400 ? 'success' : status === 404 || status === 401 ? 'denied' : 'failure',
      });
      return payload;
    } catch (error) {
      request.log.error({ err: error }, 'audit write failed; response withheld');
      reply.code(503).type('application/problem+json');
      reply.removeHeader('set-cookie');
      return JSON.stringify(problemBody(new AppError('AUDIT_UNAVAILABLE')));
    }
  });

  // Every response that may carry PHI or session state is never cached.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
