import type { ResponseDraft, SignedResponse } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { AmendmentForm } from './amendment-form.tsx';
import { getDraft, getResponses } from './response-api.ts';
import { ResponseEditor } from './response-editor.tsx';
import { SignedResponseView } from './signed-response-view.tsx';

// The statuses in which the assigned dermatologist writes the response (the server enforces the same).
const DRAFTING = new Set(['in_review', 'waiting_for_specialist']);

/**
 * The response part of the dermatologist's case view: the editor while the case is under review, then the
 * signed responses read-only with their amendments.
 */
export function ResponsePanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [loaded, reload, update] = useLoad(
    async (signal) => {
      const [draft, responses] = await Promise.all([getDraft(caseId, signal), getResponses(caseId, signal)]);
      return { draft, responses };
    },
    [caseId],
  );
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <LoadError error={loaded.error} onRetry={reload} />;
  const { draft, responses } = loaded.data;

  const replaceResponse = (response: SignedResponse) =>
    update((data) => ({
      ...data,
      responses: {
        ...data.responses,
        responses: data.responses.responses.map((r) => (r.id === response.id ? response : r)),
      },
    }));
  const afterSigning = () => reload();

  const isDrafting = DRAFTING.has(responses.status);
  const latest = responses.responses.at(-1);
  return (
    <div className="response-panel">
      {responses.responses.length > 0 ? (
        <section aria-labelledby="response-sent-title">
          <h2 id="response-sent-title">{t('response.sent')}</h2>
          {responses.responses.map((response) => (
            <SignedResponseView key={response.id} caseId={caseId} response={response} />
          ))}
          {latest && !isDrafting ? <AmendmentForm caseId={caseId} onAmended={replaceResponse} /> : null}
        </section>
      ) : null}
      {isDrafting ? (
        <ResponseEditor key={draftKey(draft)} caseId={caseId} draft={draft} onSigned={afterSigning} />
      ) : null}
    </div>
  );
}

/** A new editor (fresh autosave state) for each loaded draft. */
function draftKey(draft: ResponseDraft): string {
  return `${draft.caseId}-${draft.version}`;
}
