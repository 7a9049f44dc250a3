import { useEffect, useState } from 'react';
import { getPhotoLinks } from './photos-api.ts';

/** A stored photo's thumbnail through a short-lived signed link (fetched per render of the page, never cached). */
export function StoredThumbnail({ photoId, alt }: { photoId: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    getPhotoLinks(photoId).then(
      (links) => {
        if (isCurrent) setSrc(links.links.thumbnail);
      },
      () => undefined, // the photo is there; only its picture could not be shown
    );
    return () => {
      isCurrent = false;
    };
  }, [photoId]);
  return src ? (
    <img className="photo-thumb" src={src} alt={alt} />
  ) : (
    <span className="photo-thumb photo-thumb-empty" role="img" aria-label={alt} />
  );
}
