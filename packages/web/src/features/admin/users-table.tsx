import type { AdminUser, SpecialistTypeList } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { useSpecialistTypeName } from '../../ui/specialist-type-name.ts';
import { UserActions } from './user-actions.tsx';

type SpecialistType = SpecialistTypeList['types'][number];

/** A table on wide screens; on phones each row becomes a card (see admin.css), labelled from data-label. */
export function UsersTable({
  users,
  specialistTypes,
  currentUserId,
  onChanged,
}: {
  users: readonly AdminUser[];
  specialistTypes: readonly SpecialistType[];
  currentUserId: string;
  onChanged: (user: AdminUser, message: string) => void;
}) {
  const { t } = useTranslation();
  const specialistTypeName = useSpecialistTypeName();
  const typeName = (code: string) => specialistTypeName(code, specialistTypes.find((type) => type.code === code)?.name);

  return (
    <table className="data-table users-table">
      <caption className="visually-hidden">{t('admin.users.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.users.name')}</th>
          <th scope="col">{t('auth.email')}</th>
          <th scope="col">{t('admin.users.role')}</th>
          <th scope="col">{t('admin.users.secondFactor')}</th>
          <th scope="col">{t('admin.users.status')}</th>
          <th scope="col">{t('admin.users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className={user.disabled ? 'is-disabled' : undefined}>
            <th scope="row" data-label={t('admin.users.name')}>
              {user.displayName}
              {user.id === currentUserId ? <span className="badge">{t('admin.users.you')}</span> : null}
            </th>
            <td data-label={t('auth.email')} className="cell-wrap">
              {user.email}
            </td>
            <td data-label={t('admin.users.role')}>
              {t(`roles.${user.role}`)}
              {user.specialistType ? <span className="cell-detail">{typeName(user.specialistType)}</span> : null}
            </td>
            <td data-label={t('admin.users.secondFactor')}>
              {user.hasSecondFactor ? t('admin.users.secondFactorOn') : t('admin.users.secondFactorOff')}
            </td>
            <td data-label={t('admin.users.status')}>
              <span className={user.disabled ? 'status-pill status-off' : 'status-pill status-on'}>
                {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
              </span>
            </td>
            <td data-label={t('admin.users.actions')}>
              {user.id === currentUserId ? (
                <span className="cell-detail">{t('admin.users.ownAccount')}</span>
              ) : (
                <UserActions user={user} specialistTypes={specialistTypes} onChanged={onChanged} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
