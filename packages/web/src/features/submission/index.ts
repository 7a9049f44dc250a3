import './submission.css';

export { useBodySiteLabel } from './body-sites-step.tsx';
export { CaseList } from './case-list.tsx';
export { CasePage } from './case-page.tsx';
export { EditCasePage } from './edit-case-page.tsx';
export { formatDay } from './format-day.ts';
export { createIdempotentSender } from './idempotent-submit.ts';
export { intakeTextFor } from './intake-text.ts';
export { NewCasePage } from './new-case-page.tsx';
export { getPhotoLinks, listCasePhotos } from './photos/photos-api.ts';
export { PhotosStep } from './photos/photos-step.tsx';
export { ReceiptPage } from './receipt-page.tsx';
export { NewCaseForPatientPage } from './referral/new-case-for-patient-page.tsx';
export { ResponsibilityNote } from './referral/responsibility-note.tsx';
