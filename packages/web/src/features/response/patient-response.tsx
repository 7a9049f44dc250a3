import { useTranslation } from 'react-i18next';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { AnnotatedPhotos } from '../case-review/index.ts';
import { getResponses } from './response-api.ts';
import { SignedResponseView } from './signed-response-view.tsx';

/**
 * The patient's (or referring GP's) view of the answer: nothing until the dermatologist has signed it; then the
 * signed responses with their amendments and the photos with the marks made for the patient.
 */
export function PatientResponse({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [loaded, reload] = useLoad((signal) => getResponses(caseId, signal), [caseId]);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <LoadError error={loaded.error} onRetry={reload} />;
  const { responses } = loaded.data;
  return (
    <section className="response-panel" aria-labelledby="patient-response-title">
      <h2 id="patient-response-title">{t('response.patient.title')}</h2>
      {responses.length === 0 ? (
        <p>{t('response.patient.notYet')}</p>
      ) : (
        <>
          {responses.map((response) => (
            <SignedResponseView key={response.id} caseId={caseId} response={response} />
          ))}
          {/* The marks the dermatologist made for the patient on their photos (released with the signature). */}
          <AnnotatedPhotos caseId={caseId} />
        </>
      )}
    </section>
  );
}
