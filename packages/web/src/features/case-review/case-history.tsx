import type { CaseReviewView, CaseViewPhoto } from '@dermis/core';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { formatDay } from '../submission/index.ts';
import { DeepZoomViewer } from './lazy-viewer.ts';

/** The patient's earlier Dermis cases, newest first. */
export function EarlierCases({ view }: { view: CaseReviewView }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel" aria-labelledby="earlier-cases-title" data-testid="earlier-cases">
      <h2 id="earlier-cases-title">{t('caseReview.earlier.title')}</h2>
      {view.earlierCases.length === 0 ? (
        <p>{t('caseReview.earlier.none')}</p>
      ) : (
        <ul className="earlier-cases">
          {view.earlierCases.map((c) => (
            <li key={c.id}>
              <strong>{c.caseNumber}</strong> · {formatDay(c.submittedAt, i18n.language)} · {t(`concerns.${c.concern}`)}{' '}
              · {t(`caseStatus.${c.status}`)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Figure({ photo, caption, onZoom }: { photo: CaseViewPhoto; caption: string; onZoom(): void }) {
  const { t } = useTranslation();
  return (
    <figure className="comparison-figure">
      <img
        src={photo.links.preview}
        alt={caption}
        className="comparison-image"
        width={photo.width}
        height={photo.height}
      />
      <figcaption>{caption}</figcaption>
      <button
        type="button"
        className="button button-secondary"
        onClick={onZoom}
        aria-label={t('caseReview.comparison.zoomLabel', { caption })}
      >
        {t('caseReview.comparison.zoom')}
      </button>
    </figure>
  );
}

/** One comparison photo in the deep-zoom viewer, read-only (its annotations belong to its own review). */
function ZoomedPhoto({ photo, caption, onClose }: { photo: CaseViewPhoto; caption: string; onClose(): void }) {
  const { t } = useTranslation();
  const [hasFailed, setFailed] = useState(false);
  return (
    <section className="comparison-zoom" aria-label={caption} data-testid="comparison-zoom">
      <p>
        <strong>{caption}</strong>{' '}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('caseReview.comparison.close')}
        </button>
      </p>
      {hasFailed ? (
        <Notice tone="error">{t('caseReview.viewer.loadFailed')}</Notice>
      ) : (
        <Suspense fallback={<Loading />}>
          <DeepZoomViewer
            imageUrl={photo.links.master}
            image={photo}
            label={caption}
            overlays={[]}
            drawing={null}
            onDrawn={() => undefined}
            onOpenFailed={() => setFailed(true)}
          />
        </Suspense>
      )}
    </section>
  );
}

/** Side by side per body site: this submission's photos and the same site's photos from earlier submissions. */
export function SiteComparisons({ view, siteLabel }: { view: CaseReviewView; siteLabel(id: string): string }) {
  const { t, i18n } = useTranslation();
  const [zoomed, setZoomed] = useState<{ photo: CaseViewPhoto; caption: string } | null>(null);
  const day = (photo: CaseViewPhoto, fallback: string) => formatDay(photo.capturedAt ?? fallback, i18n.language);
  const sites = view.comparisons.filter((c) => c.earlier.length > 0);
  return (
    <section className="panel" aria-labelledby="comparison-title" data-testid="site-comparison">
      <h2 id="comparison-title">{t('caseReview.comparison.title')}</h2>
      {sites.length === 0 ? <p>{t('caseReview.comparison.none')}</p> : null}
      {sites.map((site) => {
        const label = siteLabel(site.bodySiteId);
        const figures = [
          ...view.photos
            .filter((p) => p.bodySiteId === site.bodySiteId)
            .map((photo, index) => ({
              photo,
              caption: t('caseReview.comparison.current', { photo: index + 1, date: day(photo, photo.createdAt) }),
            })),
          ...site.earlier.map((earlier, index) => ({
            photo: earlier.photo,
            caption: t('caseReview.comparison.earlier', {
              number: earlier.caseNumber,
              photo: index + 1,
              date: day(earlier.photo, earlier.submittedAt),
            }),
          })),
        ];
        return (
          <section key={site.bodySiteId} aria-label={label}>
            <h3>{label}</h3>
            <div className="comparison-row">
              {figures.map((figure) => (
                <Figure key={figure.photo.id} {...figure} onZoom={() => setZoomed(figure)} />
              ))}
            </div>
          </section>
        );
      })}
      {zoomed ? <ZoomedPhoto key={zoomed.photo.id} {...zoomed} onClose={() => setZoomed(null)} /> : null}
    </section>
  );
}
