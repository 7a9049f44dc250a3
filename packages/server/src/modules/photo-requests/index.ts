// The photo-requests module (issue 5 "More images"): the patient's (or GP's) side of a request for more photos —
// what is asked, sending the photos back to the same dermatologist, and reminders while they are missing. The
// requests themselves are the responses module's; uploads are the photos module's (against a request id).
import type { JobHandler } from '../../platform/outbox.ts';
import { photoRequestEmailHandlers } from './emails.ts';
import { reminderJobHandlers } from './reminders.ts';

export { schedulePhotoRequestReminder } from './reminders.ts';
export { registerPhotoRequestRoutes } from './routes.ts';

export const photoRequestJobHandlers: Record<string, JobHandler> = {
  ...photoRequestEmailHandlers,
  ...reminderJobHandlers,
};
