import { describe, expect, it } from 'vitest';
import { auditEventsPath } from '../../api/audit.ts';
import { checkAuditFilters, cleanAuditFilters } from './audit-filters.ts';

describe('checkAuditFilters', () => {
  it.each([
    ['no filters', { action: '', userId: '' }, {}],
    ['a full user id', { action: '', userId: '3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b' }, {}],
    ['a partial user id', { action: '', userId: '3f2b8c1e' }, { userId: 'userIdInvalid' }],
    ['an action over 100 characters', { action: 'a'.repeat(101), userId: '' }, { action: 'actionTooLong' }],
  ])('%s', (_name, filters, expected) => {
    expect(checkAuditFilters(filters)).toEqual(expected);
  });

  it('trims filters and lower-cases the user id', () => {
    expect(cleanAuditFilters({ action: ' auth.login ', userId: ' 3F2B8C1E-9A4D-4E5F-8B6A-1C2D3E4F5A6B ' })).toEqual({
      action: 'auth.login',
      userId: '3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b',
    });
  });
});

describe('auditEventsPath', () => {
  it('asks for the newest page with only the filters that are set', () => {
    expect(auditEventsPath({ limit: 50, action: 'auth.login', userId: '' })).toBe(
      '/api/audit/events?limit=50&action=auth.login',
    );
  });

  it('pages back with the keyset cursor and encodes values', () => {
    expect(auditEventsPath({ before: 1201, limit: 50, action: 'a&b=c' })).toBe(
      '/api/audit/events?before=1201&limit=50&action=a%26b%3Dc',
    );
  });

  it('leaves the query string off when there is nothing to send', () => {
    expect(auditEventsPath({})).toBe('/api/audit/events');
  });
});
