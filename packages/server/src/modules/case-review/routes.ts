import {
  AnnotationIdParams,
  CaseReviewParams,
  CaseReviewView,
  PhotoAnnotation,
  PhotoAnnotationList,
  PhotoAnnotationParams,
  PhotoAnnotationWrite,
} from '@dermis/core';
import type { FastifyInstance } from 'fastify';
import { roles } from '../../platform/access.ts';
import type { Platform } from '../../platform/context.ts';
import { callerOf, runAudited } from '../cases/index.ts';
import {
  createPhotoAnnotation,
  deletePhotoAnnotation,
  listPhotoAnnotations,
  updatePhotoAnnotation,
} from './annotations.service.ts';
import { readCaseView } from './case-view.service.ts';

const tags = ['case-review'];
const dermatologist = roles('dermatologist');
// Patients and referring GPs read the patient-visible annotations of their own cases after the response.
const annotationReaders = roles('dermatologist', 'patient', 'referring_clinician');
const onAnnotations = (action: string) => ({ action, objectType: 'photo_annotation' });

export function registerCaseReviewRoutes(app: FastifyInstance, p: Platform): void {
  app.get(
    '/api/review/cases/:id/view',
    {
      config: { access: dermatologist, phi: { action: 'case_review.read', objectType: 'case' } },
      schema: { tags, params: CaseReviewParams, response: { 200: CaseReviewView } },
    },
    async (request) => {
      const { id } = request.params as CaseReviewParams;
      request.auditTarget = { objectId: id };
      return runAudited(request, () => readCaseView(p, callerOf(p, request), id));
    },
  );

  app.get(
    '/api/photos/:id/annotations',
    {
      config: { access: annotationReaders, phi: onAnnotations('annotation.list') },
      schema: { tags, params: PhotoAnnotationParams, response: { 200: PhotoAnnotationList } },
    },
    async (request) => {
      const { id } = request.params as PhotoAnnotationParams;
      request.auditTarget = { objectId: id };
      return { annotations: await runAudited(request, () => listPhotoAnnotations(p, callerOf(p, request), id)) };
    },
  );

  app.post(
    '/api/photos/:id/annotations',
    {
      config: { access: dermatologist, phi: onAnnotations('annotation.create') },
      schema: { tags, params: PhotoAnnotationParams, body: PhotoAnnotationWrite, response: { 201: PhotoAnnotation } },
    },
    async (request, reply) => {
      const { id } = request.params as PhotoAnnotationParams;
      request.auditTarget = { objectId: id };
      const created = await runAudited(request, () =>
        createPhotoAnnotation(p, callerOf(p, request), id, request.body as PhotoAnnotationWrite),
      );
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/api/photos/:id/annotations/:annotationId',
    {
      config: { access: dermatologist, phi: onAnnotations('annotation.update') },
      schema: { tags, params: AnnotationIdParams, body: PhotoAnnotationWrite, response: { 200: PhotoAnnotation } },
    },
    async (request) => {
      const { id, annotationId } = request.params as AnnotationIdParams;
      request.auditTarget = { objectId: annotationId };
      return runAudited(request, () =>
        updatePhotoAnnotation(
          p,
          callerOf(p, request),
          { photoId: id, annotationId },
          request.body as PhotoAnnotationWrite,
        ),
      );
    },
  );

  app.delete(
    '/api/photos/:id/annotations/:annotationId',
    {
      config: { access: dermatologist, phi: onAnnotations('annotation.delete') },
      schema: { tags, params: AnnotationIdParams },
    },
    async (request, reply) => {
      const { id, annotationId } = request.params as AnnotationIdParams;
      request.auditTarget = { objectId: annotationId };
      await runAudited(request, () => deletePhotoAnnotation(p, callerOf(p, request), { photoId: id, annotationId }));
      return reply.code(204).send();
    },
  );
}
