// The FHIR module's public surface: the R4 endpoint, and the one scoped read of a case that the e-RS export
// shares. Its read model (case-record.store.ts) reads the cases and photos tables directly until those modules
// expose a full read of a case; access is always decided by the cases module's findCaseInScope first.
export { type CaseReader, readCaseInScope, readMaster, type ScopedCase } from './case-in-scope.ts';
export { MASTER_CONTENT_TYPE } from './case-record.store.ts';
export { FHIR_BASE, registerFhirRoutes } from './routes.ts';
