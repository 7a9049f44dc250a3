// The photos module's public surface: resumable uploads, photos per body site, signed image links, the sweeper.
export { signPhotoLinks } from './photos.service.ts';
export { registerPhotoRoutes } from './routes.ts';
export { photoJobHandlers, type SweepReport, sweepPhotoStorage } from './storage-sweeper.ts';
export { countPhotosPerRequest, findBodySitesWithoutPhoto } from './store.ts';
