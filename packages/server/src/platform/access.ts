import type { Role } from '@dermis/core';

/**
 * Who may call a route. Every route must declare one (deny by default): the app refuses to start
 * with a route that does not, and the route inventory test checks the public list.
 */
export type Access =
  | { kind: 'public' }
  | {
      kind: 'session';
      /** Roles allowed; anyone else gets 404 (a route outside your scope does not exist for you). */
      roles: readonly Role[] | 'any';
      /** Reachable by a half-open session that still owes its second factor (the MFA routes only). */
      pendingSecondFactor?: 'only' | 'also';
    };

export const PUBLIC: Access = { kind: 'public' };
export const anySignedIn: Access = { kind: 'session', roles: 'any' };
export const roles = (...allowed: Role[]): Access => ({ kind: 'session', roles: allowed });
export const pendingSecondFactor: Access = { kind: 'session', roles: 'any', pendingSecondFactor: 'only' };

/** Declared on routes that read or write PHI; the audit hook records every such request. */
export interface PhiAudit {
  action: string;
  objectType: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    phi?: PhiAudit;
  }
}
