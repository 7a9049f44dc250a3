import './review.css';

export { waitingTime } from './queue-query.ts';
export { ReviewQueue } from './review-queue.tsx';
