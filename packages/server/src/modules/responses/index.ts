// The responses module's public surface: the dermatologist's response (draft, signing, amendments, care plan,
// photo requests) and what the patient reads.
export { responseJobHandlers } from './emails.ts';
export { findOpenPhotoRequestRound, findOpenPhotoRequests, markPhotoRequestFulfilled } from './photo-requests.ts';
export { readResponseFhirRecord } from './response-fhir-record.ts';
export { registerResponseRoutes } from './routes.ts';
export { findDraft as findResponseDraft } from './store.ts';
