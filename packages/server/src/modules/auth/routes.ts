import {
  Accepted,
  LocaleBody,
  LoginBody,
  MeProfile,
  MfaEnrollment,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  SessionInfo,
  SignupBody,
  TotpBody,
} from '@dermis/core';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anySignedIn, PUBLIC, pendingSecondFactor } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http-hooks.ts';
import { login, logout, type SignedIn, sessionInfo } from './login.service.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.ts';
import { readProfile, setLocale } from './profile.service.ts';
import { confirmEnrolment, startEnrolment, verifySecondFactor } from './second-factor.service.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { signUpPatient } from './signup.service.ts';

const tags = ['auth'];
const NoContent = { 204: Type.Null() };

function sessionOf(request: FastifyRequest) {
  if (!request.session) throw new AppError('UNAUTHENTICATED');
  return request.session;
}

function setSessionCookie(p: Platform, reply: FastifyReply, signedIn: SignedIn) {
  // __Host- prefix: Secure, Path=/, no Domain. Browsers accept Secure cookies on http://localhost.
  reply.setCookie(SESSION_COOKIE, signedIn.token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    maxAge: p.config.session.absoluteHours * 3600,
  });
  return signedIn.info;
}

export function registerAuthRoutes(app: FastifyInstance, p: Platform): void {
  app.post(
    '/api/auth/login',
    { config: { access: PUBLIC }, schema: { tags, body: LoginBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const body = request.body as LoginBody;
      return setSessionCookie(p, reply, await login(p, actorOf(request), body, request.session));
    },
  );

  app.post(
    '/api/auth/signup',
    { config: { access: PUBLIC }, schema: { tags, body: SignupBody, response: { 201: SessionInfo } } },
    async (request, reply) => {
      const signedIn = await signUpPatient(p, actorOf(request), request.body as SignupBody);
      return reply.code(201).send(setSessionCookie(p, reply, signedIn));
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: { kind: 'session', roles: 'any', pendingSecondFactor: 'also' } },
      schema: { tags, response: { 200: SessionInfo } },
    },
    async (request) => {
      const session = sessionOf(request);
      return sessionInfo(p, session.id, session.user, session.state);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { kind: 'session', roles: 'any', pendingSecondFactor: 'also' } },
      schema: { tags, response: NoContent },
    },
    async (request, reply) => {
      await logout(p, actorOf(request), sessionOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
      return reply.code(204).send();
    },
  );

  // Enrolment: staff on first sign-in (half-open session), or a signed-in patient who opts in.
  app.post(
    '/api/auth/mfa/enroll',
    {
      config: { access: { kind: 'session', roles: 'any', pendingSecondFactor: 'also' } },
      schema: { tags, response: { 200: MfaEnrollment } },
    },
    async (request) => startEnrolment(p, sessionOf(request)),
  );

  app.post(
    '/api/auth/mfa/enroll/confirm',
    {
      config: { access: { kind: 'session', roles: 'any', pendingSecondFactor: 'also' } },
      schema: { tags, body: TotpBody, response: { 200: SessionInfo } },
    },
    async (request, reply) => {
      const { code } = request.body as TotpBody;
      return setSessionCookie(p, reply, await confirmEnrolment(p, actorOf(request), sessionOf(request), code));
    },
  );

  app.post(
    '/api/auth/mfa/verify',
    { config: { access: pendingSecondFactor }, schema: { tags, body: TotpBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const { code } = request.body as TotpBody;
      return setSessionCookie(p, reply, await verifySecondFactor(p, actorOf(request), sessionOf(request), code));
    },
  );

  app.post(
    '/api/auth/password-reset/request',
    { config: { access: PUBLIC }, schema: { tags, body: PasswordResetRequestBody, response: { 202: Accepted } } },
    async (request, reply) => {
      await requestPasswordReset(p, actorOf(request), (request.body as PasswordResetRequestBody).email);
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { config: { access: PUBLIC }, schema: { tags, body: PasswordResetConfirmBody, response: NoContent } },
    async (request, reply) => {
      const { token, password } = request.body as PasswordResetConfirmBody;
      await confirmPasswordReset(p, actorOf(request), token, password);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: anySignedIn, phi: { action: 'profile.read', objectType: 'patient' } },
      schema: { tags: ['me'], response: { 200: MeProfile } },
    },
    async (request) => {
      const session = sessionOf(request);
      const profile = await readProfile(p, session);
      request.auditTarget = { objectId: session.user.id, patientId: profile.patient ? session.user.id : null };
      return profile;
    },
  );

  app.put(
    '/api/me/locale',
    { config: { access: anySignedIn }, schema: { tags: ['me'], body: LocaleBody, response: NoContent } },
    async (request, reply) => {
      await setLocale(p, sessionOf(request), (request.body as { locale: 'en' | 'es' }).locale);
      return reply.code(204).send();
    },
  );
}
