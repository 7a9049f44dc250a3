import { type AuditEvent, ROLES, type Role } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/date-format.ts';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Events newest first. Ids are shown whole: an auditor copies them into the user filter. */
export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  const { t, i18n } = useTranslation();
  const none = t('audit.none');
  return (
    <table className="data-table audit-table">
      <caption className="visually-hidden">{t('audit.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.time')}</th>
          <th scope="col">{t('audit.user')}</th>
          <th scope="col">{t('audit.role')}</th>
          <th scope="col">{t('audit.action')}</th>
          <th scope="col">{t('audit.object')}</th>
          <th scope="col">{t('audit.outcome')}</th>
          <th scope="col">{t('audit.ip')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.seq}>
            <th scope="row" data-label={t('audit.time')}>
              <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
              <span className="cell-detail">#{event.seq}</span>
            </th>
            <td data-label={t('audit.user')} className="cell-id">
              {event.userId ? <code>{event.userId}</code> : t('audit.system')}
            </td>
            <td data-label={t('audit.role')}>
              {event.role ? (isRole(event.role) ? t(`roles.${event.role}`) : event.role) : none}
            </td>
            <td data-label={t('audit.action')} className="cell-id">
              <code>{event.action}</code>
            </td>
            <td data-label={t('audit.object')} className="cell-id">
              {event.objectType ? (
                <>
                  {event.objectType}
                  {event.objectId ? <code className="cell-detail">{event.objectId}</code> : null}
                </>
              ) : (
                none
              )}
            </td>
            <td data-label={t('audit.outcome')}>
              <span className={`status-pill outcome-${event.outcome}`}>{t(`audit.outcomes.${event.outcome}`)}</span>
            </td>
            <td data-label={t('audit.ip')} className="cell-nowrap">
              {event.ip ?? none}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
