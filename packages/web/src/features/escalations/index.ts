export { SpecialistQueue } from './specialist-queue.tsx';
