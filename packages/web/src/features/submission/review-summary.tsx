import type { CaseBodySite } from '@dermis/core';
import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { useBodySiteLabel } from './body-sites-step.tsx';
import type { IntakeText } from './intake-text.ts';
import { buildReviewSections, type ReviewEntry } from './review-sections.ts';
import type { WizardStep } from './wizard-steps.ts';

function Entries({ entries }: { entries: ReviewEntry[] }) {
  return (
    <dl className="review-list">
      {entries.map((entry) =>
        entry.kind === 'answer' ? (
          <div key={entry.linkId} className="review-row">
            <dt>{entry.question}</dt>
            <dd>{entry.answers.length > 1 ? entry.answers.join('; ') : entry.answers[0]}</dd>
          </div>
        ) : (
          <div key={entry.linkId} className="review-row review-row-instances">
            <dt>{entry.question}</dt>
            <dd>
              <ol className="review-instances">
                {entry.instances.map((instance, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: instances have no identity but their order.
                  <li key={index}>
                    <Entries entries={instance} />
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ),
      )}
    </dl>
  );
}

/** The answers grouped as a clinician reads them; with `changeLink`, each section links to its step. */
export function ReviewSummary({
  questionnaire,
  response,
  bodySites,
  text,
  changeLink,
}: {
  questionnaire: Questionnaire;
  response: QuestionnaireResponse;
  bodySites: readonly CaseBodySite[];
  text: IntakeText;
  changeLink?: (step: WizardStep) => string;
}) {
  const { t, i18n } = useTranslation();
  const siteLabel = useBodySiteLabel(text);
  const sections = buildReviewSections(questionnaire, response, {
    item: text.item,
    answer: text.answer,
    yes: t('submission.yes'),
    no: t('submission.no'),
    date: (ymd) => formatCalendarDate(ymd, i18n.language),
  });
  return (
    <>
      {sections.map((section) => {
        const title = t(`review.sections.${section.id}`);
        const titleId = `review-${section.id}`;
        const isEmpty = section.id === 'bodySites' ? bodySites.length === 0 : section.entries.length === 0;
        return (
          <section key={section.id} className="panel review-section" aria-labelledby={titleId}>
            <div className="review-section-head">
              <h2 id={titleId}>{title}</h2>
              {changeLink ? (
                <Link to={changeLink(section.step)} aria-label={t('review.changeSection', { section: title })}>
                  {t('review.change')}
                </Link>
              ) : null}
            </div>
            {isEmpty ? <p>{t('review.noAnswers')}</p> : null}
            {section.id === 'bodySites' && bodySites.length > 0 ? (
              <ul className="review-sites">
                {bodySites.map((site) => (
                  <li key={site.id}>{siteLabel(site)}</li>
                ))}
              </ul>
            ) : (
              <Entries entries={section.entries} />
            )}
          </section>
        );
      })}
    </>
  );
}
