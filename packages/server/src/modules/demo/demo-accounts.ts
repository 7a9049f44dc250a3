import type { Role } from '@dermis/core';

/**
 * Demo accounts for `dermis seed-demo`. Their TOTP secrets are fixed and public on purpose (they are
 * in the README) so anyone trying Dermis can sign in as any role. Never use them outside a demo.
 */
export const DEMO_PASSWORD = 'dermis-demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  specialistType: string | null;
  totpSecret: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'patient@demo.dermis.test',
    displayName: 'Alex Morgan',
    role: 'patient',
    specialistType: null,
    totpSecret: null,
  },
  {
    email: 'gp@demo.dermis.test',
    displayName: 'Dr Priya Shah (GP)',
    role: 'referring_clinician',
    specialistType: null,
    totpSecret: 'JBSWY3DPEHPK3PXPGPDEMOAAAAAAAAAA',
  },
  {
    email: 'derm@demo.dermis.test',
    displayName: 'Dr Sam Okafor',
    role: 'dermatologist',
    specialistType: null,
    totpSecret: 'JBSWY3DPEHPK3PXPDERMDEMOAAAAAAAA',
  },
  {
    email: 'mohs@demo.dermis.test',
    displayName: 'Dr Lena Fischer',
    role: 'specialist',
    specialistType: 'mohs_surgery',
    totpSecret: 'JBSWY3DPEHPK3PXPMOHSDEMOAAAAAAAA',
  },
  {
    email: 'paeds@demo.dermis.test',
    displayName: 'Dr Tomás Ruiz',
    role: 'specialist',
    specialistType: 'paediatric_dermatology',
    totpSecret: 'JBSWY3DPEHPK3PXPPAEDSDEMOAAAAAAA',
  },
  {
    email: 'dermpath@demo.dermis.test',
    displayName: 'Dr Mei Chen',
    role: 'specialist',
    specialistType: 'dermatopathology',
    totpSecret: 'JBSWY3DPEHPK3PXPPATHDEMOAAAAAAAA',
  },
  {
    email: 'admin@demo.dermis.test',
    displayName: 'Jordan Lee (Admin)',
    role: 'admin',
    specialistType: null,
    totpSecret: 'JBSWY3DPEHPK3PXPADMINDEMOAAAAAAA',
  },
  {
    email: 'auditor@demo.dermis.test',
    displayName: 'Robin Park (Privacy)',
    role: 'auditor',
    specialistType: null,
    totpSecret: 'JBSWY3DPEHPK3PXPAUDITDEMOAAAAAAA',
  },
];

export const DEMO_PATIENT_PROFILE = { givenName: 'Alex', familyName: 'Morgan', birthDate: '1984-06-12' };
