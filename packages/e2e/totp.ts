import { Secret, TOTP } from 'otpauth';

/** What the person's authenticator app would show now. */
export function authenticatorCode(secretBase32: string): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32.replace(/\s+/g, '')), digits: 6, period: 30 }).generate();
}

export const DEMO_PASSWORD = 'dermis-demo-2026';
export const DEMO = {
  referringClinician: { email: 'gp@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPGPDEMOAAAAAAAAAA' },
  dermatologist: { email: 'derm@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPDERMDEMOAAAAAAAA' },
  admin: { email: 'admin@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPADMINDEMOAAAAAAA' },
  auditor: { email: 'auditor@demo.dermis.test', totp: 'JBSWY3DPEHPK3PXPAUDITDEMOAAAAAAA' },
} as const;
