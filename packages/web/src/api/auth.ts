import type {
  LoginBody,
  MfaEnrollment,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  SessionInfo,
  SignupBody,
  TotpBody,
} from '@dermis/core';
import { api } from './client.ts';

export const getSession = (options: { isSessionProbe?: boolean } = {}) =>
  api.request<SessionInfo>('GET', '/api/auth/session', options);

export const login = (body: LoginBody) => api.request<SessionInfo>('POST', '/api/auth/login', { body });

export const signup = (body: SignupBody) => api.request<SessionInfo>('POST', '/api/auth/signup', { body });

export const logout = () => api.request<void>('POST', '/api/auth/logout');

export const startMfaEnrolment = () => api.request<MfaEnrollment>('POST', '/api/auth/mfa/enroll');

export const confirmMfaEnrolment = (body: TotpBody) =>
  api.request<SessionInfo>('POST', '/api/auth/mfa/enroll/confirm', { body });

export const verifyMfa = (body: TotpBody) => api.request<SessionInfo>('POST', '/api/auth/mfa/verify', { body });

export const requestPasswordReset = (body: PasswordResetRequestBody) =>
  api.request<void>('POST', '/api/auth/password-reset/request', { body });

export const confirmPasswordReset = (body: PasswordResetConfirmBody) =>
  api.request<void>('POST', '/api/auth/password-reset/confirm', { body });
