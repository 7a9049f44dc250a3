import type { PhotoLinks, PhotoList } from '@dermis/core';
import { api } from '../../../api/client.ts';

export const listCasePhotos = (caseId: string, signal?: AbortSignal) =>
  api.request<PhotoList>('GET', `/api/cases/${encodeURIComponent(caseId)}/photos`, signal ? { signal } : {});

/** Short-lived (≤ 15 min) links bound to this session; every fetch is audited by the server. */
export const getPhotoLinks = (photoId: string) =>
  api.request<PhotoLinks>('POST', `/api/photos/${encodeURIComponent(photoId)}/links`);

/** Removes a photo from a draft (the server refuses once the case is sent). */
export const deletePhoto = (photoId: string) =>
  api.request<void>('DELETE', `/api/photos/${encodeURIComponent(photoId)}`);
