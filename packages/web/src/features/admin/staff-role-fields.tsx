import type { SpecialistTypeList } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/select-field.tsx';
import { useSpecialistTypeName } from '../../ui/specialist-type-name.ts';
import { ASSIGNABLE_ROLES, isStaffRole, type StaffRole } from './staff-roles.ts';

/** Role, and the specialist type when the role is specialist: used when inviting and when changing a role. */
export function StaffRoleFields({
  idPrefix,
  role,
  onRoleChange,
  specialistType,
  onSpecialistTypeChange,
  specialistTypes,
  specialistTypeError,
  specialistTypeRef,
}: {
  idPrefix: string;
  role: StaffRole;
  onRoleChange: (role: StaffRole) => void;
  specialistType: string;
  onSpecialistTypeChange: (code: string) => void;
  specialistTypes: Readonly<SpecialistTypeList['types']>;
  specialistTypeError?: string | null | undefined;
  specialistTypeRef?: (element: HTMLSelectElement | null) => void;
}) {
  const { t } = useTranslation();
  const specialistTypeName = useSpecialistTypeName();
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        label={t('admin.create.role')}
        value={role}
        onChange={(event) => {
          if (isStaffRole(event.target.value)) onRoleChange(event.target.value);
        }}
      >
        {ASSIGNABLE_ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </SelectField>
      {role === 'specialist' ? (
        <SelectField
          {...(specialistTypeRef ? { ref: specialistTypeRef } : {})}
          id={`${idPrefix}-specialist-type`}
          label={t('admin.specialistType')}
          value={specialistType}
          error={specialistTypeError}
          onChange={(event) => onSpecialistTypeChange(event.target.value)}
        >
          <option value="">{t('admin.chooseSpecialistType')}</option>
          {specialistTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {specialistTypeName(type.code, type.name)}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}
