import { type Static, Type } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH } from '../identity/password-policy.ts';
import { ROLES } from '../identity/roles.ts';

const strict = { additionalProperties: false } as const;

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
export const Locale = Type.Union([Type.Literal('en'), Type.Literal('es')]);

export const SessionUser = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    specialistType: Type.Union([Type.String(), Type.Null()]),
    hasSecondFactor: Type.Boolean(),
    locale: Locale,
  },
  strict,
);
export type SessionUser = Static<typeof SessionUser>;

/**
 * Where a sign-in stands. `authenticated` opens the app; the two `mfa_*` states hold a
 * half-open session that can only reach the second-factor routes.
 */
export const SessionState = Type.Union([
  Type.Literal('authenticated'),
  Type.Literal('mfa_required'),
  Type.Literal('mfa_enrollment_required'),
]);
export type SessionState = Static<typeof SessionState>;

export const SessionInfo = Type.Object(
  {
    state: SessionState,
    csrfToken: Type.String(),
    idleTimeoutSeconds: Type.Integer(),
    user: SessionUser,
  },
  strict,
);
export type SessionInfo = Static<typeof SessionInfo>;

export const LoginBody = Type.Object({ email: Email, password: Password }, strict);
export type LoginBody = Static<typeof LoginBody>;

export const SignupBody = Type.Object(
  {
    email: Email,
    password: Password,
    givenName: Type.String({ minLength: 1, maxLength: 100 }),
    familyName: Type.String({ minLength: 1, maxLength: 100 }),
    birthDate: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
    locale: Type.Optional(Locale),
  },
  strict,
);
export type SignupBody = Static<typeof SignupBody>;

export const TotpBody = Type.Object({ code: TotpCode }, strict);
export type TotpBody = Static<typeof TotpBody>;

export const MfaEnrollment = Type.Object(
  {
    secret: Type.String(),
    otpauthUrl: Type.String(),
    qrSvg: Type.String({ description: 'SVG markup of the QR code for the otpauth URL' }),
  },
  strict,
);
export type MfaEnrollment = Static<typeof MfaEnrollment>;

export const PasswordResetRequestBody = Type.Object({ email: Email }, strict);
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

export const PasswordResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
  strict,
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const Accepted = Type.Object({ status: Type.Literal('accepted') }, strict);

export const MeProfile = Type.Object(
  {
    user: SessionUser,
    patient: Type.Union([
      Type.Object({ givenName: Type.String(), familyName: Type.String(), birthDate: Type.String() }, strict),
      Type.Null(),
    ]),
  },
  strict,
);
export type MeProfile = Static<typeof MeProfile>;

export const LocaleBody = Type.Object({ locale: Locale }, strict);
