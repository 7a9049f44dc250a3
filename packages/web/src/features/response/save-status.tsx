import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/use-error-text.ts';
import type { AutosaveState } from './autosave-state.ts';

function timeOf(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "Saved at 10:42" / "Saving…" / the error, announced politely so a screen reader is not interrupted. */
export function SaveStatus({ state }: { state: AutosaveState }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  let text = '';
  if (state.status === 'saving') text = t('response.save.saving');
  else if (state.status === 'dirty') text = t('response.save.unsaved');
  else if (state.status === 'error') text = t('response.save.failed', { reason: errorText(state.error) });
  else if (state.status === 'conflict') text = t('response.save.conflict');
  else if (state.savedAt) text = t('response.save.savedAt', { time: timeOf(state.savedAt, i18n.language) });
  return (
    <p role="status" className={state.status === 'error' ? 'response-save response-save-error' : 'response-save'}>
      {text}
    </p>
  );
}
