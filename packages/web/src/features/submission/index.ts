import './submission.css';

export { CaseList } from './case-list.tsx';
export { CasePage } from './case-page.tsx';
export { EditCasePage } from './edit-case-page.tsx';
export { NewCasePage } from './new-case-page.tsx';
export { ReceiptPage } from './receipt-page.tsx';
export { NewCaseForPatientPage } from './referral/new-case-for-patient-page.tsx';
export { ResponsibilityNote } from './referral/responsibility-note.tsx';
