import type { AnnotationVisibility, CaseReviewView, PhotoAnnotation, PhotoAnnotationList } from '@dermis/core';
import { api } from '../../api/client.ts';

const annotationsPath = (photoId: string) => `/api/photos/${encodeURIComponent(photoId)}/annotations`;

/** The whole case for its assigned dermatologist; photo links in it are signed for this session (≤ 15 min). */
export const getCaseView = (caseId: string, signal?: AbortSignal) =>
  api.request<CaseReviewView>('GET', `/api/review/cases/${encodeURIComponent(caseId)}/view`, signal ? { signal } : {});

export const listAnnotations = (photoId: string, signal?: AbortSignal) =>
  api.request<PhotoAnnotationList>('GET', annotationsPath(photoId), signal ? { signal } : {});

export const createAnnotation = (photoId: string, visibility: AnnotationVisibility, annotation: unknown) =>
  api.request<PhotoAnnotation>('POST', annotationsPath(photoId), { body: { visibility, annotation } });

export const updateAnnotation = (
  photoId: string,
  annotationId: string,
  visibility: AnnotationVisibility,
  annotation: unknown,
) =>
  api.request<PhotoAnnotation>('PUT', `${annotationsPath(photoId)}/${encodeURIComponent(annotationId)}`, {
    body: { visibility, annotation },
  });

export const deleteAnnotation = (photoId: string, annotationId: string) =>
  api.request<void>('DELETE', `${annotationsPath(photoId)}/${encodeURIComponent(annotationId)}`);
