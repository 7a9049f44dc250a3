import type { SessionInfo } from '@dermis/core';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { getSession, logout } from '../../api/auth.ts';
import { ApiError, api } from '../../api/client.ts';
import { putLocale } from '../../api/me.ts';
import { i18next } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/languages.ts';
import { SessionContext, type SessionContextValue, type SessionStatus } from './session-context.ts';

function applyUserLanguage(session: SessionInfo): void {
  if (session.user.locale !== i18next.language) void i18next.changeLanguage(session.user.locale);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>({ kind: 'loading' });

  const acceptSession = useCallback((session: SessionInfo) => {
    api.setCsrfToken(session.csrfToken);
    applyUserLanguage(session);
    setStatus({ kind: 'signed_in', session });
  }, []);

  // On load, ask the server whether a session cookie is still good.
  useEffect(() => {
    let isCurrent = true;
    getSession({ isSessionProbe: true }).then(
      (session) => {
        if (isCurrent) acceptSession(session);
      },
      (error: unknown) => {
        if (!isCurrent) return;
        const isExpired = error instanceof ApiError && error.code === 'SESSION_EXPIRED';
        const isOffline = error instanceof ApiError && error.status !== 401;
        setStatus({ kind: 'signed_out', notice: isExpired ? 'idle' : isOffline ? 'unreachable' : null });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [acceptSession]);

  // Any call that finds the session gone sends the person back to sign in, saying why.
  useEffect(
    () =>
      api.onSessionLost((code) => {
        setStatus((current) =>
          current.kind === 'signed_in'
            ? { kind: 'signed_out', notice: code === 'SESSION_EXPIRED' ? 'idle' : 'unauthenticated' }
            : current,
        );
      }),
    [],
  );

  const refresh = useCallback(async () => {
    acceptSession(await getSession());
  }, [acceptSession]);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The cookie may already be gone; signing out locally is what matters to the person here.
    }
    api.setCsrfToken(null);
    setStatus({ kind: 'signed_out', notice: 'signed_out' });
  }, []);

  const expire = useCallback(() => {
    // Best effort: the server has timed the session out too, this only clears the cookie.
    logout().catch(() => undefined);
    api.setCsrfToken(null);
    setStatus({ kind: 'signed_out', notice: 'idle' });
  }, []);

  const changeLanguage = useCallback(
    (language: Language) => {
      void i18next.changeLanguage(language);
      if (status.kind !== 'signed_in' || status.session.state !== 'authenticated') return;
      const session = status.session;
      setStatus({ kind: 'signed_in', session: { ...session, user: { ...session.user, locale: language } } });
      // The saved preference is a convenience; if it fails the page is still in the chosen language.
      putLocale(language).catch(() => undefined);
    },
    [status],
  );

  const value = useMemo<SessionContextValue>(
    () => ({ status, acceptSession, refresh, signOut, expire, changeLanguage }),
    [status, acceptSession, refresh, signOut, expire, changeLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
