import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listSpecialistTypes, listUsers } from '../../api/admin.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { useSignedInSession } from '../auth/index.ts';
import { CreateStaffForm } from './create-staff-form.tsx';
import { UsersTable } from './users-table.tsx';

export function UsersPage() {
  const { t } = useTranslation();
  const { user: me } = useSignedInSession();
  const [message, setMessage] = useState('');
  const [data, reload, update] = useLoad(async (signal) => {
    const [users, types] = await Promise.all([listUsers(signal), listSpecialistTypes(signal)]);
    return { users: users.users, specialistTypes: types.types };
  }, []);

  return (
    <div className="page page-wide">
      <PageHeading>{t('admin.users.title')}</PageHeading>
      {/* Outcomes of actions are announced here; the region exists before its text changes. */}
      <p role="status" className={message ? 'notice notice-success' : 'visually-hidden'}>
        {message}
      </p>
      {data.status === 'loading' ? <Loading label={t('admin.users.loading')} /> : null}
      {data.status === 'error' ? <LoadError error={data.error} onRetry={reload} /> : null}
      {data.status === 'ready' ? (
        <>
          <CreateStaffForm
            specialistTypes={data.data.specialistTypes}
            onCreated={(created) => {
              update((current) => ({ ...current, users: [...current.users, created] }));
              setMessage(t('admin.create.done', { email: created.email }));
            }}
          />
          <section aria-labelledby="users-list-title">
            <h2 id="users-list-title">{t('admin.users.listTitle')}</h2>
            {data.data.users.length === 0 ? (
              <EmptyState title={t('admin.users.empty')} />
            ) : (
              <UsersTable
                users={data.data.users}
                specialistTypes={data.data.specialistTypes}
                currentUserId={me.id}
                onChanged={(changed, text) => {
                  update((current) => ({
                    ...current,
                    users: current.users.map((existing) => (existing.id === changed.id ? changed : existing)),
                  }));
                  setMessage(text);
                }}
              />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
