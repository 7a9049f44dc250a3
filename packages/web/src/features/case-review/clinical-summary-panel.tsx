import { buildClinicalSummary, type CaseReviewView, intakeQuestionnaires, type ReadableEntry } from '@dermis/core';
import type { QuestionnaireResponse } from 'fhir/r4.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate } from '../../ui/date-format.ts';
import { intakeTextFor } from '../submission/index.ts';

function Entries({ entries }: { entries: ReadableEntry[] }) {
  return (
    <dl className="summary-list">
      {entries.map((entry) => (
        <div key={entry.linkId} className="summary-row">
          <dt>{entry.question}</dt>
          <dd>
            {entry.kind === 'answer' ? (
              entry.answers.join('; ')
            ) : (
              <ol className="summary-instances">
                {entry.instances.map((instance, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: instances have no identity but their order.
                  <li key={index}>
                    <Entries entries={instance} />
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The intake as a dermatologist reads it (core buildClinicalSummary): red flags with the answers that fired
 * them, then history, medications, allergies, Fitzpatrick, immunosuppression, sun.
 */
export function ClinicalSummaryPanel({ view }: { view: CaseReviewView }) {
  const { t, i18n } = useTranslation();
  const summary = useMemo(() => {
    const questionnaire = intakeQuestionnaires.find(view.intake.questionnaire);
    const response = view.intake.response as QuestionnaireResponse | null;
    if (!questionnaire || !response) return null;
    const text = intakeTextFor(i18n.language);
    return buildClinicalSummary(questionnaire, response, view.redFlags, {
      item: text.item,
      answer: text.answer,
      yes: t('submission.yes'),
      no: t('submission.no'),
      date: (ymd) => formatCalendarDate(ymd, i18n.language),
    });
  }, [view, i18n.language, t]);

  return (
    <section className="panel clinical-summary" aria-labelledby="clinical-summary-title">
      <h2 id="clinical-summary-title">{t('caseReview.summary.title')}</h2>
      {summary === null ? <p>{t('caseReview.summary.unavailable')}</p> : null}
      <section aria-labelledby="red-flags-title" className="red-flags" data-testid="red-flags">
        <h3 id="red-flags-title">{t('caseReview.summary.redFlags')}</h3>
        {summary && summary.redFlags.length > 0 ? (
          <ul className="red-flag-list">
            {summary.redFlags.map((flag) => (
              <li key={flag.ruleId} className={`red-flag red-flag-${flag.priority}`}>
                <p>
                  <span className={`badge badge-${flag.priority}`}>{t(`caseReview.priority.${flag.priority}`)}</span>{' '}
                  {t(`caseReview.redFlagText.${flag.ruleId}`)}
                </p>
                {flag.evidence.length > 0 ? (
                  <ul className="red-flag-evidence" aria-label={t('caseReview.summary.evidence')}>
                    {flag.evidence.map((entry) => (
                      <li key={entry.linkId}>
                        {entry.question} <strong>{entry.answers.join('; ')}</strong>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('caseReview.summary.noRedFlags')}</p>
        )}
      </section>
      {summary?.sections
        .filter((section) => section.entries.length > 0)
        .map((section) => (
          <section key={section.id} aria-labelledby={`summary-${section.id}`}>
            <h3 id={`summary-${section.id}`}>{t(`caseReview.summary.sections.${section.id}`)}</h3>
            <Entries entries={section.entries} />
          </section>
        ))}
    </section>
  );
}
