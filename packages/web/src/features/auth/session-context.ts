import type { SessionInfo } from '@dermis/core';
import { createContext, useContext } from 'react';
import type { Language } from '../../i18n/languages.ts';

/** Why the sign-in page is showing, when there is something to say. */
export type SignedOutNotice = 'idle' | 'unauthenticated' | 'signed_out' | 'unreachable';

export type SessionStatus =
  | { kind: 'loading' }
  | { kind: 'signed_out'; notice: SignedOutNotice | null }
  | { kind: 'signed_in'; session: SessionInfo };

export interface SessionContextValue {
  status: SessionStatus;
  /** Store a SessionInfo from login, sign-up, second-factor or refresh answers. */
  acceptSession: (session: SessionInfo) => void;
  /** GET /api/auth/session: tells the server the user is still here. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
  /** The client-side idle clock ran out. */
  expire: () => void;
  changeLanguage: (language: Language) => void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** For pages behind the sign-in guard, where a session always exists. */
export function useSignedInSession(): SessionInfo {
  const { status } = useSession();
  if (status.kind !== 'signed_in') throw new Error('useSignedInSession outside a signed-in route');
  return status.session;
}
