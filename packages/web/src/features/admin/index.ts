export { JobsPage } from './jobs-page.tsx';
export { UsersPage } from './users-page.tsx';
