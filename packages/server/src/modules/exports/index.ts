// The exports module's public surface: a case packed for an NHS e-RS referral (photos ≤ 5 MB and a PDF summary).
export { registerExportRoutes } from './routes.ts';
