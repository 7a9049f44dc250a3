import type { Role, SessionInfo } from '@dermis/core';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { Loading } from '../../ui/loading.tsx';
import { NotFoundPage } from '../../ui/not-found-page.tsx';
import { useSession, useSignedInSession } from './session-context.ts';
import { pathForSession, SIGN_IN_PATH } from './session-routing.ts';

/** While the session probe runs (first load) there is no header yet, only this. */
function SessionLoading() {
  return (
    <main id="main" className="app-main">
      <Loading />
    </main>
  );
}

function returnToFrom(state: unknown): unknown {
  return typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
}

/** App pages: only for a fully signed-in session. */
export function RequireAuthenticated() {
  const { status } = useSession();
  const location = useLocation();
  if (status.kind === 'loading') return <SessionLoading />;
  if (status.kind === 'signed_out') {
    // After an explicit sign-out the next person should start at home, not on the last page.
    const from = status.notice === 'signed_out' ? undefined : `${location.pathname}${location.search}`;
    return <Navigate to={SIGN_IN_PATH} replace state={from ? { from } : undefined} />;
  }
  if (status.session.state !== 'authenticated') return <Navigate to={pathForSession(status.session)} replace />;
  return <Outlet />;
}

/** Sign-in, sign-up, forgot password: someone signed in is sent on to where they belong. */
export function PublicOnly() {
  const { status } = useSession();
  const location = useLocation();
  if (status.kind === 'loading') return <Loading />;
  if (status.kind === 'signed_in') {
    // The state carries the return path on through the second-factor step.
    return (
      <Navigate to={pathForSession(status.session, returnToFrom(location.state))} replace state={location.state} />
    );
  }
  return <Outlet />;
}

/** The second-factor steps, each only for a half-open session in that state. */
export function RequireSessionState({ state }: { state: SessionInfo['state'] }) {
  const { status } = useSession();
  const location = useLocation();
  if (status.kind === 'loading') return <Loading />;
  if (status.kind === 'signed_out') return <Navigate to={SIGN_IN_PATH} replace />;
  if (status.session.state !== state) {
    return <Navigate to={pathForSession(status.session, returnToFrom(location.state))} replace />;
  }
  return <Outlet />;
}

/** Pages for one role; everyone else sees "not found" (not "forbidden"), as the API does. */
export function RequireRole({ only, children }: { only: Role | readonly Role[]; children: ReactNode }) {
  const session = useSignedInSession();
  const allowed: readonly Role[] = typeof only === 'string' ? [only] : only;
  return allowed.includes(session.user.role) ? children : <NotFoundPage />;
}
