// The review module's public surface: the dermatologist queue, claiming, and triage of submitted cases.
export { recordFirstResponse } from './claim.service.ts';
export { registerReviewRoutes } from './routes.ts';
export { findAssignedCase, updateReturnedToReview } from './store.ts';
export { retriageCase } from './triage.service.ts';
