import type { MeProfile } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getMe } from '../../api/me.ts';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useSpecialistTypeName } from '../../ui/specialist-type-name.ts';
import { useLoad } from '../../ui/use-load.ts';
import { EnrolSecondFactor, useSession, useSignedInSession } from '../auth/index.ts';
import { PushSettings } from '../notifications/index.ts';

export function AccountPage() {
  const { t } = useTranslation();
  const [profile, reload] = useLoad((signal) => getMe(signal), []);
  return (
    <div className="page">
      <PageHeading>{t('account.title')}</PageHeading>
      <section className="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('account.profileTitle')}</h2>
        {profile.status === 'loading' ? <Loading /> : null}
        {profile.status === 'error' ? <LoadError error={profile.error} onRetry={reload} /> : null}
        {profile.status === 'ready' ? <ProfileDetails profile={profile.data} /> : null}
      </section>
      <SecondFactorSection />
      <PushSettings />
    </div>
  );
}

function ProfileDetails({ profile }: { profile: MeProfile }) {
  const { t, i18n } = useTranslation();
  const specialistTypeName = useSpecialistTypeName();
  const { user, patient } = profile;
  return (
    <dl className="details">
      <dt>{t('account.name')}</dt>
      <dd>{patient ? `${patient.givenName} ${patient.familyName}` : user.displayName}</dd>
      <dt>{t('auth.email')}</dt>
      <dd className="cell-wrap">{user.email}</dd>
      {patient ? (
        <>
          <dt>{t('auth.signUp.birthDate')}</dt>
          <dd>{formatCalendarDate(patient.birthDate, i18n.language)}</dd>
        </>
      ) : null}
      <dt>{t('admin.users.role')}</dt>
      <dd>
        {t(`roles.${user.role}`)}
        {user.specialistType ? ` – ${specialistTypeName(user.specialistType)}` : null}
      </dd>
    </dl>
  );
}

/** Patients may add an authenticator; staff always have one (they cannot reach this page without). */
function SecondFactorSection() {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const { acceptSession } = useSession();
  const [isEnrolling, setEnrolling] = useState(false);
  const [isJustEnrolled, setJustEnrolled] = useState(false);

  return (
    <section className="panel" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('account.secondFactorTitle')}</h2>
      {isJustEnrolled ? <Notice tone="success">{t('account.secondFactorAdded')}</Notice> : null}
      {user.hasSecondFactor ? (
        <p>{t('account.secondFactorOn')}</p>
      ) : isEnrolling ? (
        <>
          <p>{t('account.enrolIntro')}</p>
          <EnrolSecondFactor
            onEnrolled={(session) => {
              acceptSession(session);
              setEnrolling(false);
              setJustEnrolled(true);
            }}
          />
          <button type="button" className="button-link" onClick={() => setEnrolling(false)}>
            {t('common.cancel')}
          </button>
        </>
      ) : (
        <>
          <p>{t('account.secondFactorOff')}</p>
          <button type="button" className="button" onClick={() => setEnrolling(true)}>
            {t('account.addSecondFactor')}
          </button>
        </>
      )}
    </section>
  );
}
