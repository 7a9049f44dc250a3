import type { CaseBodySite, PhotoSummary } from '@dermis/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useBodySiteLabel } from '../body-sites-step.tsx';
import type { IntakeText } from '../intake-text.ts';
import { listCasePhotos } from './photos-api.ts';
import { StoredThumbnail } from './stored-thumbnail.tsx';

/** The review's photo section: per body site, the stored photos' thumbnails (signed links) and their count. */
export function ReviewPhotos({
  caseId,
  bodySites,
  text,
  changeLink,
}: {
  caseId: string;
  bodySites: readonly CaseBodySite[];
  text: IntakeText;
  changeLink: string;
}) {
  const { t } = useTranslation();
  const siteLabel = useBodySiteLabel(text);
  const [photos, setPhotos] = useState<PhotoSummary[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listCasePhotos(caseId, controller.signal).then(
      (list) => setPhotos(list.photos),
      () => undefined, // the section then shows no thumbnails; sending still checks photos on the server
    );
    return () => controller.abort();
  }, [caseId]);

  return (
    <section className="panel review-section" aria-labelledby="review-photos-title">
      <div className="review-section-head">
        <h2 id="review-photos-title">{t('photos.reviewTitle')}</h2>
        <Link to={changeLink} aria-label={t('review.changeSection', { section: t('photos.reviewTitle') })}>
          {t('review.change')}
        </Link>
      </div>
      <dl className="review-list">
        {bodySites.map((site) => {
          const label = siteLabel(site);
          const own = (photos ?? []).filter((photo) => photo.bodySiteId === site.id);
          return (
            <div key={site.id} className="review-row" data-testid={`review-photos-${site.id}`}>
              <dt>{label}</dt>
              <dd>
                <p>
                  {photos === null ? '…' : own.length > 0 ? t('photos.count', { count: own.length }) : t('photos.none')}
                </p>
                {own.length > 0 ? (
                  <ul className="review-photos">
                    {own.map((photo) => (
                      <li key={photo.id}>
                        <StoredThumbnail
                          photoId={photo.id}
                          alt={t('photos.thumbnailAlt', {
                            view: t(`photos.views.${photo.view ?? 'other'}.title`),
                            site: label,
                          })}
                        />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
