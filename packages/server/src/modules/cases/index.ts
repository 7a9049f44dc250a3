// The cases module's public surface; other modules and the platform import only from here.
export { type CaseCaller, callerOf, runAudited } from './case-caller.ts';
export { type CaseInScope, findCaseInScope } from './case-scope.ts';
export { caseJobHandlers } from './emails.ts';
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  parseIdempotencyKey,
  releaseIdempotencyKey,
  requestHash,
} from './idempotency.ts';
export { replyIdempotently } from './idempotent-reply.ts';
export { registerCaseRoutes } from './routes.ts';
export { ensureBodySite, updateStatus as updateCaseStatus } from './store.ts';
export { recordStatusChange } from './submit-case.service.ts';
