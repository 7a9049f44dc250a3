import { Outlet } from 'react-router-dom';
import { useSession } from '../features/auth/index.ts';
import { LanguageSwitcher } from '../ui/language-switcher.tsx';
import { MAIN_ID, SkipLink } from '../ui/skip-link.tsx';

/** The frame for sign-in, sign-up and password pages. */
export function PublicLayout() {
  const { changeLanguage } = useSession();
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header-inner">
          <span className="brand">Dermis</span>
          <div className="header-actions">
            <LanguageSwitcher onChange={changeLanguage} />
          </div>
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="app-main app-main-public">
        <Outlet />
      </main>
    </>
  );
}
