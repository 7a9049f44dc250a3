export interface AuditFilters {
  action: string;
  userId: string;
}

export const NO_FILTERS: AuditFilters = { action: '', userId: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FilterProblem = 'userIdInvalid' | 'actionTooLong';

/** The server rejects a malformed user id (400); say so beside the field instead. */
export function checkAuditFilters(filters: AuditFilters): Partial<Record<keyof AuditFilters, FilterProblem>> {
  const problems: Partial<Record<keyof AuditFilters, FilterProblem>> = {};
  const userId = filters.userId.trim();
  if (userId && !UUID.test(userId)) problems.userId = 'userIdInvalid';
  if (filters.action.trim().length > 100) problems.action = 'actionTooLong';
  return problems;
}

export function cleanAuditFilters(filters: AuditFilters): AuditFilters {
  return { action: filters.action.trim(), userId: filters.userId.trim().toLowerCase() };
}
