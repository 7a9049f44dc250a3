import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { Notice } from '../../ui/notice.tsx';
import { fetchErsExport, saveFile } from './ers-export.ts';

type State = { kind: 'idle' } | { kind: 'preparing' } | { kind: 'done' } | { kind: 'error'; error: unknown };

/** "Export for NHS e-RS": downloads the case's photos (each ≤ 5 MB) and PDF summary as one zip. */
export function ErsExportButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const isPreparing = state.kind === 'preparing';

  const exportCase = async () => {
    setState({ kind: 'preparing' });
    try {
      saveFile(await fetchErsExport(caseId));
      setState({ kind: 'done' });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  };

  return (
    <section className="panel" aria-labelledby="ers-export-title" data-testid="ers-export">
      <h2 id="ers-export-title">{t('exports.ersButton')}</h2>
      <p>{t('exports.ersHint')}</p>
      {state.kind === 'error' ? <Notice tone="error">{errorText(state.error)}</Notice> : null}
      {state.kind === 'done' ? <Notice tone="success">{t('exports.ersDone')}</Notice> : null}
      <button type="button" className="button" onClick={exportCase} disabled={isPreparing} aria-busy={isPreparing}>
        {isPreparing ? t('exports.ersPreparing') : t('exports.ersButton')}
      </button>
    </section>
  );
}
