import type { AnnotationVisibility, PhotoAnnotation } from '@dermis/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { AnnotationForm } from './annotation-form.tsx';

/**
 * The photo's annotations as a list: the keyboard and screen-reader way to read, find, edit and delete them.
 * The numbers match the labels drawn on the photo.
 */
export function AnnotationList({
  annotations,
  isLocked,
  savingId,
  onShow,
  onUpdate,
  onDelete,
}: {
  annotations: PhotoAnnotation[];
  isLocked: boolean;
  savingId: string | null;
  onShow(annotation: PhotoAnnotation): void;
  onUpdate(annotation: PhotoAnnotation, text: string, visibility: AnnotationVisibility): Promise<boolean>;
  onDelete(annotation: PhotoAnnotation): Promise<void>;
}) {
  const { t } = useTranslation();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PhotoAnnotation | null>(null);

  if (annotations.length === 0) return <p>{t('caseReview.annotations.none')}</p>;
  return (
    <>
      <ol className="annotation-list" data-testid="annotation-list">
        {annotations.map((annotation, index) => {
          const text = annotation.annotation.body[0]?.value ?? '';
          const number = index + 1;
          return (
            <li key={annotation.id} className="annotation-item" data-testid="annotation-item">
              {editingId === annotation.id ? (
                <AnnotationForm
                  title={t('caseReview.annotations.editTitle', { number })}
                  initialText={text}
                  initialVisibility={annotation.visibility}
                  isSaving={savingId === annotation.id}
                  onSave={async (newText, visibility) => {
                    if (await onUpdate(annotation, newText, visibility)) setEditingId(null);
                  }}
                  onCancel={() => setEditingId(null)}
                />
              ) : (
                <>
                  <p className="annotation-head">
                    <span className="annotation-number">{number}</span>
                    <span>{t(`caseReview.annotations.shapes.${annotation.shape}`)}</span>
                    <span className={`badge badge-${annotation.visibility}`} data-testid="annotation-visibility">
                      {t(`caseReview.annotations.visibilities.${annotation.visibility}`)}
                    </span>
                  </p>
                  <p className="annotation-text">{text}</p>
                  <div className="annotation-actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => onShow(annotation)}
                      aria-label={t('caseReview.annotations.showLabel', { number })}
                    >
                      {t('caseReview.annotations.show')}
                    </button>
                    {isLocked ? null : (
                      <>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => setEditingId(annotation.id)}
                          aria-label={t('caseReview.annotations.editLabel', { number })}
                        >
                          {t('caseReview.annotations.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => setDeleting(annotation)}
                          aria-label={t('caseReview.annotations.deleteLabel', { number })}
                        >
                          {t('caseReview.annotations.delete')}
                        </button>
                      </>
                    )}
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ol>
      {deleting ? (
        <ConfirmDialog
          title={t('caseReview.annotations.deleteTitle')}
          confirmLabel={t('caseReview.annotations.delete')}
          isDestructive
          onConfirm={async () => {
            await onDelete(deleting);
            setDeleting(null);
          }}
          onClose={() => setDeleting(null)}
        >
          <p>{deleting.annotation.body[0]?.value}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
