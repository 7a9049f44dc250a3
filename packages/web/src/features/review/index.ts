import './review.css';

export { ReviewQueue } from './review-queue.tsx';
