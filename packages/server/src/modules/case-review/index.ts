// The case-review module's public surface: the dermatologist's case view, annotations on photos, and the
// comparison scope the photos module reads (earlier submissions of a patient whose case one reviews).
export { toViewPhoto } from './case-view.service.ts';
export { registerCaseReviewRoutes } from './routes.ts';
export { findCaseInComparisonScope, listAnnotations, listCasePhotoRows, type ViewPhotoRow } from './store.ts';
