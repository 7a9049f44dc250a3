import './case-review.css';

export { AnnotatedPhotos } from './annotated-photos.tsx';
export { CaseReviewPage } from './case-review-page.tsx';
