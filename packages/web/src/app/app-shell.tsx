import type { Role } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { IdleWatcher, useSession, useSignedInSession } from '../features/auth/index.ts';
import { LanguageSwitcher } from '../ui/language-switcher.tsx';
import { MAIN_ID, SkipLink } from '../ui/skip-link.tsx';

type NavKey = 'home' | 'users' | 'jobs' | 'auditLog' | 'account';

const NAV_BY_ROLE: Record<Role, readonly { key: NavKey; to: string }[]> = {
  patient: [{ key: 'home', to: '/' }],
  referring_clinician: [{ key: 'home', to: '/' }],
  dermatologist: [{ key: 'home', to: '/' }],
  specialist: [{ key: 'home', to: '/' }],
  admin: [
    { key: 'users', to: '/' },
    { key: 'jobs', to: '/admin/jobs' },
  ],
  auditor: [{ key: 'auditLog', to: '/' }],
};

/** The frame around every signed-in page: who is signed in, language, sign out, navigation. */
export function AppShell() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { signOut, changeLanguage } = useSession();
  const [isSigningOut, setSigningOut] = useState(false);
  const { user } = session;
  const links = [...NAV_BY_ROLE[user.role], { key: 'account' as const, to: '/account' }];

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand">
            Dermis
          </Link>
          <p className="user-summary">
            <span className="user-name">{user.displayName}</span>
            <span className="user-role">{t(`roles.${user.role}`)}</span>
          </p>
          <div className="header-actions">
            <LanguageSwitcher onChange={changeLanguage} />
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={isSigningOut}
              onClick={() => {
                setSigningOut(true);
                void signOut();
              }}
            >
              {t('nav.signOut')}
            </button>
          </div>
        </div>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {links.map((link) => (
              <li key={link.key}>
                <NavLink to={link.to} end>
                  {t(`nav.${link.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <IdleWatcher timeoutSeconds={session.idleTimeoutSeconds} />
    </>
  );
}
