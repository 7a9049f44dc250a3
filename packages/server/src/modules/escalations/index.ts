// The escalations module's public surface (issue 6): escalating a case to a specialist, the specialist queue and
// consultation notes, the specialist directory, and the escalation scope the cases and photos modules consult.
export { escalationJobHandlers } from './emails.ts';
export { registerEscalationRoutes } from './routes.ts';
export { findCaseClaimedBySpecialist, findPhotoPatientForSpecialist } from './store.ts';
