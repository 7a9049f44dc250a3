import type { AdminUser, SpecialistTypeList } from '@dermis/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resetSecondFactor, updateUser } from '../../api/admin.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Modal } from '../../ui/modal.tsx';
import { Notice } from '../../ui/notice.tsx';
import { StaffRoleFields } from './staff-role-fields.tsx';
import { isStaffRole, type StaffRole } from './staff-roles.ts';

type SpecialistType = SpecialistTypeList['types'][number];
type OpenDialog = 'role' | 'disable' | 'reset' | null;

export function UserActions({
  user,
  specialistTypes,
  onChanged,
}: {
  user: AdminUser;
  specialistTypes: readonly SpecialistType[];
  onChanged: (user: AdminUser, message: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<OpenDialog>(null);
  const close = () => setOpen(null);
  const name = user.displayName;

  return (
    <div className="row-actions">
      {user.role !== 'patient' ? (
        <button type="button" className="button button-secondary button-small" onClick={() => setOpen('role')}>
          {t('admin.actions.changeRole')}
          <span className="visually-hidden"> – {name}</span>
        </button>
      ) : null}
      <button type="button" className="button button-secondary button-small" onClick={() => setOpen('disable')}>
        {user.disabled ? t('admin.actions.enable') : t('admin.actions.disable')}
        <span className="visually-hidden"> – {name}</span>
      </button>
      {user.hasSecondFactor ? (
        <button type="button" className="button button-secondary button-small" onClick={() => setOpen('reset')}>
          {t('admin.actions.resetSecondFactor')}
          <span className="visually-hidden"> – {name}</span>
        </button>
      ) : null}

      {open === 'role' ? (
        <RoleDialog
          user={user}
          specialistTypes={specialistTypes}
          onClose={close}
          onSaved={(updated) => {
            close();
            onChanged(updated, t('admin.actions.roleChanged', { name }));
          }}
        />
      ) : null}
      {open === 'disable' ? (
        <ConfirmDialog
          title={t(user.disabled ? 'admin.actions.enableTitle' : 'admin.actions.disableTitle', { name })}
          confirmLabel={user.disabled ? t('admin.actions.enable') : t('admin.actions.disable')}
          isDestructive={!user.disabled}
          onClose={close}
          onConfirm={async () => {
            const updated = await updateUser(user.id, { disabled: !user.disabled });
            close();
            onChanged(
              updated,
              t(updated.disabled ? 'admin.actions.disabledDone' : 'admin.actions.enabledDone', { name }),
            );
          }}
        >
          <p>{t(user.disabled ? 'admin.actions.enableBody' : 'admin.actions.disableBody')}</p>
        </ConfirmDialog>
      ) : null}
      {open === 'reset' ? (
        <ConfirmDialog
          title={t('admin.actions.resetTitle', { name })}
          confirmLabel={t('admin.actions.resetSecondFactor')}
          isDestructive
          onClose={close}
          onConfirm={async () => {
            await resetSecondFactor(user.id);
            close();
            onChanged({ ...user, hasSecondFactor: false }, t('admin.actions.resetDone', { name }));
          }}
        >
          <p>{t('admin.actions.resetBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function RoleDialog({
  user,
  specialistTypes,
  onClose,
  onSaved,
}: {
  user: AdminUser;
  specialistTypes: readonly SpecialistType[];
  onClose: () => void;
  onSaved: (user: AdminUser) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const titleId = useId();
  const [role, setRole] = useState<StaffRole>(isStaffRole(user.role) ? user.role : 'dermatologist');
  const [specialistType, setSpecialistType] = useState(user.specialistType ?? '');
  const [error, setError] = useState<string | null>(null);
  const [typeError, setTypeError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (role === 'specialist' && !specialistType) {
      setTypeError(t('errors.SPECIALIST_TYPE_REQUIRED'));
      return;
    }
    setTypeError(null);
    setPending(true);
    try {
      const isSpecialist = role === 'specialist';
      onSaved(
        await updateUser(user.id, {
          role,
          ...(isSpecialist ? { specialistType } : user.specialistType ? { specialistType: null } : {}),
        }),
      );
    } catch (caught) {
      setError(errorText(caught));
      setPending(false);
    }
  }

  return (
    <Modal labelledBy={titleId} onClose={onClose}>
      <h2 id={titleId} className="modal-title">
        {t('admin.actions.roleTitle', { name: user.displayName })}
      </h2>
      <form className="form" noValidate onSubmit={save}>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <StaffRoleFields
          idPrefix={`user-${user.id}`}
          role={role}
          onRoleChange={setRole}
          specialistType={specialistType}
          onSpecialistTypeChange={setSpecialistType}
          specialistTypes={specialistTypes}
          specialistTypeError={typeError}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={isPending}>
            {t('admin.actions.saveRole')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose} disabled={isPending}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
