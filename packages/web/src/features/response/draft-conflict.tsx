import type { ResponseContent } from '@dermis/core';
import { useTranslation } from 'react-i18next';

function Version({ title, content }: { title: string; content: ResponseContent }) {
  const { t } = useTranslation();
  return (
    <section className="response-conflict-version">
      <h4>{title}</h4>
      <p>
        <strong>{t('response.disposition')}:</strong>{' '}
        {content.disposition ? t(`response.dispositions.${content.disposition}`) : t('response.conflict.none')}
      </p>
      <p className="response-narrative">{content.narrative || t('response.conflict.none')}</p>
    </section>
  );
}

/** A save from this tab was stale: both versions side by side, and the clinician decides which stays. */
export function DraftConflict({
  mine,
  theirs,
  onKeepMine,
  onUseTheirs,
}: {
  mine: ResponseContent;
  theirs: ResponseContent;
  onKeepMine: () => void;
  onUseTheirs: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="notice notice-error response-conflict" role="alert" aria-labelledby="response-conflict-title">
      <h3 id="response-conflict-title">{t('response.conflict.title')}</h3>
      <p>{t('response.conflict.intro')}</p>
      <div className="response-conflict-versions">
        <Version title={t('response.conflict.mine')} content={mine} />
        <Version title={t('response.conflict.theirs')} content={theirs} />
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={onKeepMine}>
          {t('response.conflict.keepMine')}
        </button>
        <button type="button" className="button button-secondary" onClick={onUseTheirs}>
          {t('response.conflict.useTheirs')}
        </button>
      </div>
    </section>
  );
}
