import { DEFAULT_SPECIALIST_TYPES } from '@dermis/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

type DefaultSpecialistType = (typeof DEFAULT_SPECIALIST_TYPES)[number]['code'];

function isDefaultType(code: string): code is DefaultSpecialistType {
  return DEFAULT_SPECIALIST_TYPES.some((type) => type.code === code);
}

/**
 * The list of specialist types is configuration: the seeded ones have translations, any others
 * are shown with the name the server gives (or their code).
 */
export function useSpecialistTypeName(): (code: string, serverName?: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (code: string, serverName?: string) => (isDefaultType(code) ? t(`specialistTypes.${code}`) : (serverName ?? code)),
    [t],
  );
}
