import type { QualityAssessment } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useErrorText } from '../../../i18n/use-error-text.ts';
import { qualityMessages } from './photo-messages.ts';

export type Phase =
  | { kind: 'checking' }
  | { kind: 'device-rejected'; assessment: QualityAssessment }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'processing' }
  | { kind: 'paused'; sent: number; total: number }
  | { kind: 'stalled'; sent: number; total: number }
  | { kind: 'server-rejected'; code: string; reasons: string[] };

/** A photo on this device that has not become a stored photo yet (one per site and view). */
export interface LocalPhoto {
  id: number;
  file: File;
  previewUrl: string;
  /** null: the browser could not decode it (HEIC outside Safari); the server checks it after upload. */
  assessment: QualityAssessment | null;
  phase: Phase;
}

const percentOf = (sent: number, total: number) => (total > 0 ? Math.floor((sent / total) * 100) : 0);

/** A photo on this device: its check, its upload progress, or why it was refused and how to retake it. */
export function LocalPhotoCard({
  photo,
  names,
  onRetry,
  onRemove,
}: {
  photo: LocalPhoto;
  names: { view: string; site: string };
  onRetry: () => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { phase, assessment } = photo;
  const reasons =
    phase.kind === 'server-rejected'
      ? phase.reasons
      : phase.kind === 'device-rejected'
        ? phase.assessment.reasons
        : (assessment?.reasons ?? []);
  const messages = qualityMessages(reasons, i18n.language);
  const isRejected = phase.kind === 'device-rejected' || phase.kind === 'server-rejected';
  const progress = 'sent' in phase ? percentOf(phase.sent, phase.total) : null;

  return (
    <div className={`photo-card${isRejected ? ' photo-card-rejected' : ''}`} data-testid="local-photo">
      <img className="photo-thumb" src={photo.previewUrl} alt={t('photos.thumbnailAlt', names)} />
      <div className="photo-card-body">
        {phase.kind === 'checking' ? <p role="status">{t('photos.checking')}</p> : null}
        {isRejected ? (
          <div role="alert">
            <p className="photo-status photo-status-bad">
              {phase.kind === 'device-rejected' ? t('photos.deviceRejected') : t('photos.serverRejected')}
            </p>
            {phase.kind === 'server-rejected' && messages.length === 0 ? (
              <p>{errorText(new ApiError(422, phase.code, null))}</p>
            ) : null}
          </div>
        ) : null}
        {!isRejected && assessment === null && phase.kind !== 'checking' ? (
          <p className="photo-note">{t('photos.notChecked')}</p>
        ) : null}
        {!isRejected && assessment?.decision === 'warn' ? <p>{t('photos.warned')}</p> : null}
        {!isRejected && assessment?.decision === 'accept' ? (
          <p className="photo-status photo-status-ok">
            <span aria-hidden="true">✓ </span>
            {t('photos.looksGood')}
          </p>
        ) : null}
        {messages.length > 0 ? (
          <ul className="photo-reasons" data-testid="photo-reasons">
            {messages.map((m) => (
              <li key={m.code}>
                <strong>{m.problem}.</strong> {m.fix}
              </li>
            ))}
          </ul>
        ) : null}
        {progress !== null ? (
          <div className="photo-progress">
            <progress
              max={100}
              value={progress}
              aria-valuenow={progress}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label={t('photos.progressLabel', names)}
            />
            <p>
              {phase.kind === 'paused'
                ? t('photos.paused', { percent: progress })
                : phase.kind === 'stalled'
                  ? t('photos.stalled', { percent: progress })
                  : t('photos.uploading', { percent: progress })}
            </p>
          </div>
        ) : null}
        {phase.kind === 'processing' ? <p role="status">{t('photos.processing')}</p> : null}
        <div className="photo-card-actions">
          {phase.kind === 'stalled' ? (
            <button type="button" className="button button-secondary" onClick={onRetry}>
              {t('photos.retry')}
            </button>
          ) : null}
          {phase.kind !== 'processing' ? (
            <button type="button" className="button-link" onClick={onRemove} aria-label={t('photos.removeName', names)}>
              {t('photos.remove')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
