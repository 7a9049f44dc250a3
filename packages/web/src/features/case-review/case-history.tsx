import type { CaseReviewView, CaseViewPhoto } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../submission/index.ts';

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

function Figure({ photo, caption }: { photo: CaseViewPhoto; caption: string }) {
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
    </figure>
  );
}

/** Side by side per body site: this submission's photos and the same site's photos from earlier submissions. */
export function SiteComparisons({ view, siteLabel }: { view: CaseReviewView; siteLabel(id: string): string }) {
  const { t, i18n } = useTranslation();
  const day = (photo: CaseViewPhoto, fallback: string) => formatDay(photo.capturedAt ?? fallback, i18n.language);
  const sites = view.comparisons.filter((c) => c.earlier.length > 0);
  return (
    <section className="panel" aria-labelledby="comparison-title" data-testid="site-comparison">
      <h2 id="comparison-title">{t('caseReview.comparison.title')}</h2>
      {sites.length === 0 ? <p>{t('caseReview.comparison.none')}</p> : null}
      {sites.map((site) => {
        const label = siteLabel(site.bodySiteId);
        const current = view.photos.filter((p) => p.bodySiteId === site.bodySiteId);
        return (
          <section key={site.bodySiteId} aria-label={label}>
            <h3>{label}</h3>
            <div className="comparison-row">
              {current.map((photo, index) => (
                <Figure
                  key={photo.id}
                  photo={photo}
                  caption={t('caseReview.comparison.current', { photo: index + 1, date: day(photo, photo.createdAt) })}
                />
              ))}
              {site.earlier.map((earlier, index) => (
                <Figure
                  key={earlier.photo.id}
                  photo={earlier.photo}
                  caption={t('caseReview.comparison.earlier', {
                    number: earlier.caseNumber,
                    photo: index + 1,
                    date: day(earlier.photo, earlier.submittedAt),
                  })}
                />
              ))}
            </div>
          </section>
        );
      })}
    </section>
  );
}
