import type { SentPhotosReceipt } from '@dermis/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getCase } from '../../api/cases.ts';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { createIdempotentSender, intakeTextFor, PhotosStep } from '../submission/index.ts';
import { getPhotoRequests, sendRequestedPhotos } from './resubmission-api.ts';

/**
 * `/cases/:id/more-photos`: the guided re-submission. Exactly the photos the dermatologist asked for (site, view,
 * their instruction), with the photo step's on-device check and resumable upload, then "Send the new photos".
 */
export function ResubmissionPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const text = useMemo(() => intakeTextFor(i18n.language), [i18n.language]);
  const [state, reload] = useLoad(
    async (signal) => {
      const [detail, requests] = await Promise.all([getCase(id, signal), getPhotoRequests(id, signal)]);
      return { detail, requests };
    },
    [id],
  );
  const sender = useRef(createIdempotentSender((_: null, key: string) => sendRequestedPhotos(id, key))).current;
  const [isSending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<SentPhotosReceipt | null>(null);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <LoadError error={state.error} onRetry={reload} />
      </div>
    );
  }
  const { detail, requests } = state.data;
  const backToCase = (
    <p>
      <Link to={`/cases/${encodeURIComponent(id)}`}>{t('resubmission.backToCase')}</Link>
    </p>
  );

  async function send() {
    setSending(true);
    setFailure(null);
    try {
      setReceipt(await sender.send(null));
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="page" data-testid="resubmission-page">
      <PageHeading>{t('resubmission.title', { number: detail.caseNumber })}</PageHeading>
      {receipt ? (
        <>
          <Notice tone="success">
            <h2>{t('resubmission.sentTitle')}</h2>
            <p>{t('resubmission.sentBody')}</p>
          </Notice>
          {backToCase}
        </>
      ) : !requests.isWaiting ? (
        <>
          <Notice tone="info">{t('resubmission.nothingToSend')}</Notice>
          {backToCase}
        </>
      ) : (
        <>
          <p>{t('resubmission.intro')}</p>
          {failure ? <Notice tone="error">{errorText(failure)}</Notice> : null}
          <PhotosStep
            caseId={id}
            bodySites={detail.bodySites}
            requests={requests.requests}
            text={text}
            continueLabel={isSending ? t('resubmission.sending') : t('resubmission.send')}
            isContinuing={isSending}
            onContinue={() => void send()}
          />
          {backToCase}
        </>
      )}
    </div>
  );
}
