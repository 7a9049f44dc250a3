import type { AdminUser, SpecialistTypeList } from '@dermis/core';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createStaff } from '../../api/admin.ts';
import { ApiError } from '../../api/client.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { StaffRoleFields } from './staff-role-fields.tsx';
import type { StaffRole } from './staff-roles.ts';

type Field = 'displayName' | 'email' | 'specialistType';
type SpecialistType = SpecialistTypeList['types'][number];

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function CreateStaffForm({
  specialistTypes,
  onCreated,
}: {
  specialistTypes: readonly SpecialistType[];
  onCreated: (user: AdminUser) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('dermatologist');
  const [specialistType, setSpecialistType] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);
  const refs = useRef<Partial<Record<Field, HTMLInputElement | HTMLSelectElement | null>>>({});

  function focusFirst(found: Partial<Record<Field, string>>) {
    const first = (['displayName', 'email', 'specialistType'] as const).find((field) => found[field]);
    if (first) refs.current[first]?.focus();
    return Boolean(first);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!displayName.trim()) found.displayName = t('admin.create.nameRequired');
    if (!EMAIL_SHAPE.test(email.trim())) found.email = t('auth.fieldErrors.emailInvalid');
    if (role === 'specialist' && !specialistType) found.specialistType = t('errors.SPECIALIST_TYPE_REQUIRED');
    setErrors(found);
    setFormError(null);
    if (focusFirst(found)) return;

    setPending(true);
    try {
      const user = await createStaff({
        displayName: displayName.trim(),
        email: email.trim(),
        role,
        ...(role === 'specialist' ? { specialistType } : {}),
      });
      onCreated(user);
      // Role and specialist type stay: invitations often come in batches for one team.
      setDisplayName('');
      setEmail('');
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      const field: Field | null =
        code === 'EMAIL_TAKEN' ? 'email' : code.startsWith('SPECIALIST_TYPE_') ? 'specialistType' : null;
      if (field) {
        // The generic EMAIL_TAKEN text speaks to the account owner ("sign in or reset"); an admin needs this one.
        const message = code === 'EMAIL_TAKEN' ? t('admin.create.emailTaken') : errorText(error);
        const fieldErrors = { [field]: message };
        setErrors(fieldErrors);
        focusFirst(fieldErrors);
      } else {
        setFormError(errorText(error));
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-staff-title">
      <h2 id="create-staff-title">{t('admin.create.title')}</h2>
      <p className="panel-intro">{t('admin.create.intro')}</p>
      <form className="form form-grid" noValidate onSubmit={submit}>
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <TextField
          ref={(element) => {
            refs.current.displayName = element;
          }}
          id="staff-name"
          label={t('admin.create.name')}
          autoComplete="off"
          value={displayName}
          error={errors.displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          ref={(element) => {
            refs.current.email = element;
          }}
          id="staff-email"
          label={t('auth.email')}
          type="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <StaffRoleFields
          idPrefix="staff"
          role={role}
          onRoleChange={setRole}
          specialistType={specialistType}
          onSpecialistTypeChange={setSpecialistType}
          specialistTypes={specialistTypes}
          specialistTypeError={errors.specialistType}
          specialistTypeRef={(element) => {
            refs.current.specialistType = element;
          }}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={isPending}>
            {isPending ? t('admin.create.pending') : t('admin.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
