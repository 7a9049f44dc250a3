import { UsersPage } from '../admin/index.ts';
import { AuditPage } from '../audit/index.ts';
import { useSignedInSession } from '../auth/index.ts';
import { DermatologistHome, PatientHome, ReferringClinicianHome, SpecialistHome } from './role-homes.tsx';

/** `/` shows each role its own work: admins manage users, auditors read the audit log. */
export function HomePage() {
  const { user } = useSignedInSession();
  switch (user.role) {
    case 'patient':
      return <PatientHome />;
    case 'referring_clinician':
      return <ReferringClinicianHome />;
    case 'dermatologist':
      return <DermatologistHome />;
    case 'specialist':
      return <SpecialistHome />;
    case 'admin':
      return (
        <div data-testid="home-admin">
          <UsersPage />
        </div>
      );
    case 'auditor':
      return (
        <div data-testid="home-auditor">
          <AuditPage />
        </div>
      );
  }
}
