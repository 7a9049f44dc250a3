import type { MeProfile, SessionUser } from '@dermis/core';
import { api } from './client.ts';

export const getMe = (signal?: AbortSignal) => api.request<MeProfile>('GET', '/api/me', signal ? { signal } : {});

export const putLocale = (locale: SessionUser['locale']) =>
  api.request<void>('PUT', '/api/me/locale', { body: { locale } });
