import { StrictMode } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router-dom';
import { AccountPage } from '../features/account/index.ts';
import { JobsPage } from '../features/admin/index.ts';
import {
  EnrolPage,
  ForgotPasswordPage,
  PublicOnly,
  RequireAuthenticated,
  RequireRole,
  RequireSessionState,
  ResetPasswordPage,
  SessionProvider,
  SignInPage,
  SignUpPage,
  VerifyPage,
} from '../features/auth/index.ts';
import { CaseReviewPage } from '../features/case-review/index.ts';
import { HomePage } from '../features/home/index.ts';
import { ResubmissionPage } from '../features/resubmission/index.ts';
import {
  CasePage,
  EditCasePage,
  NewCaseForPatientPage,
  NewCasePage,
  ReceiptPage,
} from '../features/submission/index.ts';
import { NotFoundPage } from '../ui/not-found-page.tsx';
import { AppShell } from './app-shell.tsx';
import { PublicLayout } from './public-layout.tsx';

/** Patients send cases for themselves, referring clinicians for their patients (Advice & Guidance). */
const CASE_SUBMITTERS = ['patient', 'referring_clinician'] as const;

export function App() {
  return (
    <StrictMode>
      <BrowserRouter>
        <SessionProvider>
          <Routes>
            <Route element={<PublicLayout />}>
              <Route element={<PublicOnly />}>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route path="/sign-up" element={<SignUpPage />} />
                <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              </Route>
              <Route element={<RequireSessionState state="mfa_required" />}>
                <Route path="/sign-in/verify" element={<VerifyPage />} />
              </Route>
              <Route element={<RequireSessionState state="mfa_enrollment_required" />}>
                <Route path="/sign-in/enrol" element={<EnrolPage />} />
              </Route>
              <Route path="/reset-password" element={<ResetPasswordPage />} />
            </Route>
            <Route element={<RequireAuthenticated />}>
              <Route element={<AppShell />}>
                <Route index element={<HomePage />} />
                <Route path="/account" element={<AccountPage />} />
                <Route
                  element={
                    <RequireRole only={CASE_SUBMITTERS}>
                      <Outlet />
                    </RequireRole>
                  }
                >
                  <Route
                    path="/cases/new"
                    element={
                      <RequireRole only="patient">
                        <NewCasePage />
                      </RequireRole>
                    }
                  />
                  <Route
                    path="/cases/new-for-patient"
                    element={
                      <RequireRole only="referring_clinician">
                        <NewCaseForPatientPage />
                      </RequireRole>
                    }
                  />
                  <Route path="/cases/:id" element={<CasePage />} />
                  <Route path="/cases/:id/edit/:step?" element={<EditCasePage />} />
                  <Route path="/cases/:id/receipt" element={<ReceiptPage />} />
                  <Route path="/cases/:id/more-photos" element={<ResubmissionPage />} />
                </Route>
                <Route
                  path="/review/cases/:id"
                  element={
                    <RequireRole only="dermatologist">
                      <CaseReviewPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/admin/jobs"
                  element={
                    <RequireRole only="admin">
                      <JobsPage />
                    </RequireRole>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </StrictMode>
  );
}
