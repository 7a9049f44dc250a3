import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useSpecialistTypeName } from '../../ui/specialist-type-name.ts';
import { useSignedInSession } from '../auth/index.ts';
import { SpecialistQueue } from '../escalations/index.ts';
import { ReviewQueue } from '../review/index.ts';
import { CaseList, ResponsibilityNote } from '../submission/index.ts';

// Each role's home: patients have their cases; referring clinicians the cases they sent for their patients;
// dermatologists their queue; specialists the escalations of their type (no button that would not work).

export function PatientHome() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  return (
    <div className="page" data-testid="home-patient">
      <PageHeading>{t('home.patient.title')}</PageHeading>
      <CaseList />
      <section className="panel" aria-labelledby="security-title">
        <h2 id="security-title">{t('home.patient.securityTitle')}</h2>
        <p>{t(user.hasSecondFactor ? 'home.patient.securityOn' : 'home.patient.securityOff')}</p>
        <p>
          <Link to="/account">{t('home.patient.securityLink')}</Link>
        </p>
      </section>
    </div>
  );
}

export function ReferringClinicianHome() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="home-referring_clinician">
      <PageHeading>{t('home.referringClinician.title')}</PageHeading>
      <p>{t('referral.homeIntro')}</p>
      <ResponsibilityNote />
      <CaseList forPatients />
    </div>
  );
}

export function DermatologistHome() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="home-dermatologist">
      <PageHeading>{t('home.dermatologist.title')}</PageHeading>
      <ReviewQueue />
    </div>
  );
}

export function SpecialistHome() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const specialistTypeName = useSpecialistTypeName();
  const type = user.specialistType ? specialistTypeName(user.specialistType) : t('home.specialist.noType');
  return (
    <div className="page" data-testid="home-specialist">
      <PageHeading>{t('home.specialist.title', { type })}</PageHeading>
      <SpecialistQueue />
    </div>
  );
}
