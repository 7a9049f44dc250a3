import './auth.css';

export { EnrolPage } from './enrol-page.tsx';
export { EnrolSecondFactor } from './enrol-second-factor.tsx';
export { ForgotPasswordPage } from './forgot-password-page.tsx';
export { PublicOnly, RequireAuthenticated, RequireRole, RequireSessionState } from './guards.tsx';
export { IdleWatcher } from './idle-watcher.tsx';
export { ResetPasswordPage } from './reset-password-page.tsx';
export { useSession, useSignedInSession } from './session-context.ts';
export { SessionProvider } from './session-provider.tsx';
export { ENROL_PATH, SIGN_IN_PATH, VERIFY_PATH } from './session-routing.ts';
export { SignInPage } from './sign-in-page.tsx';
export { SignUpPage } from './sign-up-page.tsx';
export { VerifyPage } from './verify-page.tsx';
