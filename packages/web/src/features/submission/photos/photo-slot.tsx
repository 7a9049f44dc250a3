import type { PhotoSummary } from '@dermis/core';
import type { ChangeEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type LocalPhoto, LocalPhotoCard } from './local-photo-card.tsx';
import { PHOTO_ACCEPT } from './photo-views.ts';
import { StoredPhoto } from './stored-photo.tsx';

/**
 * One place a photo goes (a view of a body site, or one photo the dermatologist asked for): what it should show,
 * the photos the server already holds for it, the photo on its way, and the camera / library pickers.
 */
export function PhotoSlot({
  slotKey,
  heading,
  hint,
  names,
  sent,
  local,
  isCamera,
  onChoose,
  onRetry,
  onRemove,
  onStoredRemoved,
}: {
  slotKey: string;
  heading: ReactNode;
  hint: ReactNode;
  /** For accessible names: the view and the body site. */
  names: { view: string; site: string };
  sent: readonly PhotoSummary[];
  local: LocalPhoto | undefined;
  isCamera: boolean;
  onChoose: (event: ChangeEvent<HTMLInputElement>) => void;
  onRetry: () => void;
  onRemove: () => void;
  onStoredRemoved?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const isRetake = local?.phase.kind === 'device-rejected' || local?.phase.kind === 'server-rejected';
  const isBusy = local !== undefined && !isRetake;
  const takeText = isRetake ? t('photos.retake') : sent.length > 0 ? t('photos.addAnother') : t('photos.take');
  const mainAction = isCamera ? takeText : isRetake ? t('photos.retake') : t('photos.chooseDesktop');
  return (
    <div className="photo-slot" data-testid={`photo-slot-${slotKey}`}>
      <h3>{heading}</h3>
      <p className="photo-hint">{hint}</p>
      {sent.length > 0 ? (
        <ul className="photo-sent-list">
          {sent.map((photo) => (
            <StoredPhoto
              key={photo.id}
              photo={photo}
              alt={t('photos.thumbnailAlt', names)}
              onRemoved={onStoredRemoved}
            />
          ))}
        </ul>
      ) : null}
      {local ? <LocalPhotoCard photo={local} names={names} onRetry={onRetry} onRemove={onRemove} /> : null}
      {isBusy ? null : (
        <div className="photo-pickers">
          <label className="button photo-picker">
            {mainAction}
            <input
              type="file"
              className="visually-hidden"
              accept={PHOTO_ACCEPT}
              // camera on phones (ignored by desktops, which open a file chooser)
              capture="environment"
              aria-label={t('photos.inputName', { action: mainAction, ...names })}
              onChange={onChoose}
            />
          </label>
          {isCamera ? (
            <label className="button button-secondary photo-picker">
              {t('photos.chooseLibrary')}
              <input
                type="file"
                className="visually-hidden"
                accept={PHOTO_ACCEPT}
                aria-label={t('photos.inputName', { action: t('photos.chooseLibrary'), ...names })}
                onChange={onChoose}
              />
            </label>
          ) : null}
        </div>
      )}
    </div>
  );
}
