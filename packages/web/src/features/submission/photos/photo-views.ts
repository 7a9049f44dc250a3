import type { PhotoView } from '@dermis/core';

/** The views asked for per body site, in the order a patient takes them. Only one photo per site is required. */
export const GUIDED_VIEWS: readonly PhotoView[] = ['close_up', 'context', 'side_angle'];

/** The file types the server accepts (magic bytes decide there); HEIC/HEIF are iPhone photos. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif';

/** The server's per-photo limit (25 MB): larger files are refused before a byte is sent. */
export const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
