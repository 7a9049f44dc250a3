import type { AnnotationVisibility, CaseViewPhoto, PhotoAnnotation } from '@dermis/core';
import { Suspense, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/use-error-text.ts';
import { LoadError } from '../../ui/load-error.tsx';
import { Loading } from '../../ui/loading.tsx';
import { Notice } from '../../ui/notice.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { AnnotationForm } from './annotation-form.tsx';
import { AnnotationList } from './annotation-list.tsx';
import { createAnnotation, deleteAnnotation, listAnnotations, updateAnnotation } from './case-review-api.ts';
import type { ViewerHandle } from './deep-zoom-viewer.tsx';
import { DeepZoomViewer } from './lazy-viewer.ts';
import { type Region, type RegionKind, regionAtCentre, regionOf, toWebAnnotation } from './region-geometry.ts';
import type { OverlayRegion } from './region-overlays.ts';

const TOOLS: readonly (RegionKind | 'pan')[] = ['pan', 'rectangle', 'polygon', 'point'];

/** One photo in the deep-zoom viewer with its annotations beside it: draw, note, save, edit, delete. */
export function PhotoWorkspace({
  photo,
  label,
  isLocked,
  onRefreshLinks,
}: {
  photo: CaseViewPhoto;
  label: string;
  /** The response is signed: annotations are part of it and can no longer change (the server says 409 too). */
  isLocked: boolean;
  /** Fetches the case again, which signs fresh links (they last at most 15 minutes). */
  onRefreshLinks(): void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const toolName = useId();
  const viewer = useRef<ViewerHandle>(null);
  const [state, reload, update] = useLoad(
    (signal) => listAnnotations(photo.id, signal).then((list) => list.annotations),
    [photo.id],
  );
  const [tool, setTool] = useState<RegionKind | null>(null);
  const [pending, setPending] = useState<Region | null>(null);
  const [savingId, setSavingId] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [imageFailed, setImageFailed] = useState(false);
  const annotations = state.status === 'ready' ? state.data : [];

  const overlays = useMemo<OverlayRegion[]>(() => {
    const drawn: OverlayRegion[] = annotations.map((a, index) => ({
      key: a.id,
      label: String(index + 1),
      region: regionOf(a.annotation),
      variant: a.visibility,
    }));
    return pending ? [...drawn, { key: 'pending', label: '+', region: pending, variant: 'pending' }] : drawn;
  }, [annotations, pending]);

  async function run<T>(id: string, action: () => Promise<T>): Promise<T | null> {
    setSavingId(id);
    setSaveError(null);
    try {
      return await action();
    } catch (error) {
      setSaveError(errorText(error));
      return null;
    } finally {
      setSavingId(null);
    }
  }

  async function saveNew(text: string, visibility: AnnotationVisibility) {
    if (!pending) return;
    const region = pending;
    const saved = await run('new', () =>
      createAnnotation(photo.id, visibility, toWebAnnotation(photo.id, region, text)),
    );
    if (!saved) return;
    update((list) => [...list, saved]);
    setPending(null);
  }

  async function saveChange(annotation: PhotoAnnotation, text: string, visibility: AnnotationVisibility) {
    const region = regionOf(annotation.annotation);
    const saved = await run(annotation.id, () =>
      updateAnnotation(photo.id, annotation.id, visibility, toWebAnnotation(photo.id, region, text)),
    );
    if (saved) update((list) => list.map((a) => (a.id === saved.id ? saved : a)));
    return saved !== null;
  }

  async function remove(annotation: PhotoAnnotation) {
    await deleteAnnotation(photo.id, annotation.id);
    update((list) => list.filter((a) => a.id !== annotation.id));
  }

  function markCentre(kind: 'rectangle' | 'point') {
    const visible = viewer.current?.visibleImageRect();
    if (visible) setPending(regionAtCentre(visible, photo, kind));
  }

  const isExpired = Date.parse(photo.linksExpireAt) <= Date.now();
  return (
    <div className="workspace">
      <div className="workspace-viewer">
        {imageFailed ? (
          <Notice tone="error">
            <p>{t(isExpired ? 'caseReview.viewer.linkExpired' : 'caseReview.viewer.loadFailed')}</p>
            <button type="button" className="button button-secondary" onClick={onRefreshLinks}>
              {t('caseReview.viewer.refreshLink')}
            </button>
          </Notice>
        ) : (
          <Suspense fallback={<Loading />}>
            <DeepZoomViewer
              ref={viewer}
              imageUrl={photo.links.master}
              image={photo}
              label={label}
              overlays={overlays}
              drawing={isLocked ? null : tool}
              onDrawn={setPending}
              onOpenFailed={() => setImageFailed(true)}
            />
          </Suspense>
        )}
      </div>
      <section className="workspace-panel panel" aria-labelledby={`${toolName}-title`}>
        <h3 id={`${toolName}-title`}>{t('caseReview.annotations.title')}</h3>
        {isLocked ? (
          <p>{t('caseReview.annotations.locked')}</p>
        ) : (
          <>
            <fieldset className="tool-picker">
              <legend>{t('caseReview.annotations.tool')}</legend>
              {TOOLS.map((value) => (
                <label key={value} className="annotation-choice">
                  <input
                    type="radio"
                    name={toolName}
                    value={value}
                    checked={(tool ?? 'pan') === value}
                    onChange={() => setTool(value === 'pan' ? null : value)}
                  />
                  {t(`caseReview.annotations.tools.${value}`)}
                </label>
              ))}
            </fieldset>
            <div className="annotation-actions">
              <button type="button" className="button button-secondary" onClick={() => markCentre('rectangle')}>
                {t('caseReview.annotations.centreRectangle')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => markCentre('point')}>
                {t('caseReview.annotations.centrePoint')}
              </button>
            </div>
          </>
        )}
        {saveError ? <Notice tone="error">{saveError}</Notice> : null}
        {pending ? (
          <AnnotationForm
            title={t('caseReview.annotations.newTitle', { shape: t(`caseReview.annotations.shapes.${pending.kind}`) })}
            isSaving={savingId === 'new'}
            onSave={saveNew}
            onCancel={() => setPending(null)}
          />
        ) : null}
        {state.status === 'loading' ? <p>{t('caseReview.annotations.loading')}</p> : null}
        {state.status === 'error' ? <LoadError error={state.error} onRetry={reload} /> : null}
        {state.status === 'ready' ? (
          <AnnotationList
            annotations={annotations}
            isLocked={isLocked}
            savingId={savingId}
            onShow={(a) => viewer.current?.showRegion(regionOf(a.annotation))}
            onUpdate={saveChange}
            onDelete={remove}
          />
        ) : null}
      </section>
    </div>
  );
}
