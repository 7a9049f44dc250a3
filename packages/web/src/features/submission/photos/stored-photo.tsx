import type { PhotoSummary } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { qualityMessages } from './photo-messages.ts';
import { deletePhoto } from './photos-api.ts';
import { StoredThumbnail } from './stored-thumbnail.tsx';

/**
 * A photo already on the server, with the quality warnings it was accepted with. While the case is a draft it
 * can be removed (a wrong or poor shot); the server refuses once the case is sent.
 */
export function StoredPhoto({
  photo,
  alt,
  onRemoved,
}: {
  photo: PhotoSummary;
  alt: string;
  /** Absent where photos cannot be removed any more (photos sent for a dermatologist's request). */
  onRemoved?: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  const warnings = qualityMessages(photo.quality.reasons, i18n.language);
  return (
    <li className="photo-card photo-card-sent">
      <StoredThumbnail photoId={photo.id} alt={alt} />
      <div>
        <p className="photo-status photo-status-ok">
          <span aria-hidden="true">✓ </span>
          {t('photos.sent')}
        </p>
        {warnings.length > 0 ? (
          <ul className="photo-reasons">
            {warnings.map((w) => (
              <li key={w.code}>
                <strong>{w.problem}.</strong> {w.fix}
              </li>
            ))}
          </ul>
        ) : null}
        {onRemoved ? (
          <button
            type="button"
            className="button-link"
            aria-label={t('photos.removeStoredName', { alt })}
            onClick={() => setConfirming(true)}
          >
            {t('photos.remove')}
          </button>
        ) : null}
      </div>
      {isConfirming && onRemoved ? (
        <ConfirmDialog
          title={t('photos.removeStoredTitle')}
          confirmLabel={t('photos.remove')}
          isDestructive
          onConfirm={async () => {
            await deletePhoto(photo.id);
            setConfirming(false);
            await onRemoved();
          }}
          onClose={() => setConfirming(false)}
        >
          <p>{t('photos.removeStoredBody')}</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}
