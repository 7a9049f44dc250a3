import type {
  AdminUser,
  AdminUserList,
  CreateStaffBody,
  OutboxJobList,
  SpecialistTypeList,
  UpdateUserBody,
} from '@dermis/core';
import { api } from './client.ts';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export const listUsers = (signal?: AbortSignal) =>
  api.request<AdminUserList>('GET', '/api/admin/users', withSignal(signal));

export const createStaff = (body: CreateStaffBody) => api.request<AdminUser>('POST', '/api/admin/users', { body });

export const updateUser = (id: string, body: UpdateUserBody) =>
  api.request<AdminUser>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, { body });

export const resetSecondFactor = (id: string) =>
  api.request<void>('POST', `/api/admin/users/${encodeURIComponent(id)}/reset-second-factor`);

export const listSpecialistTypes = (signal?: AbortSignal) =>
  api.request<SpecialistTypeList>('GET', '/api/admin/specialist-types', withSignal(signal));

export const listDeadJobs = (signal?: AbortSignal) =>
  api.request<OutboxJobList>('GET', '/api/admin/outbox?status=dead', withSignal(signal));

export const retryJob = (id: string) => api.request<void>('POST', `/api/admin/outbox/${encodeURIComponent(id)}/retry`);
