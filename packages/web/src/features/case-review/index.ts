import './case-review.css';

export { CaseReviewPage } from './case-review-page.tsx';
