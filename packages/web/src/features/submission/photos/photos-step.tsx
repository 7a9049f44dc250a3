import type { CaseBodySite, OpenPhotoRequest, PhotoSummary, PhotoView } from '@dermis/core';
import { type ChangeEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../i18n/use-error-text.ts';
import { Notice } from '../../../ui/notice.tsx';
import { useSession } from '../../auth/session-context.ts';
import { useBodySiteLabel } from '../body-sites-step.tsx';
import type { IntakeText } from '../intake-text.ts';
import type { LocalPhoto } from './local-photo-card.tsx';
import { PhotoSlot } from './photo-slot.tsx';
import { type PhotoUploadTarget, startPhotoUpload, type UploadController } from './photo-upload.ts';
import { GUIDED_VIEWS, MAX_PHOTO_BYTES } from './photo-views.ts';
import { listCasePhotos } from './photos-api.ts';
import { checkPhotoOnDevice } from './quality-check.ts';
import './photos.css';

const slotKey = (siteId: string, view: PhotoView) => `${siteId}:${view}`;

/** Where a picked photo goes: the upload's target and the view it is sent as. */
interface SlotTarget {
  key: string;
  target: PhotoUploadTarget;
  view: PhotoView | null;
}

/** True when the photo can be offered for upload without a pointer that can only choose files (desktop). */
function hasTouchCamera(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(pointer: coarse)').matches
    : false;
}

/**
 * The guided photos: per body site a close-up, a context view and a side angle, each checked on the device before
 * it is uploaded (resumably). Given `requests` (more images), it offers exactly the photos the dermatologist asked
 * for instead, each uploaded against its request, and continues once each has one.
 */
export function PhotosStep({
  caseId,
  bodySites,
  requests,
  text,
  continueLabel,
  isContinuing = false,
  onBack,
  onContinue,
  onExit,
}: {
  caseId: string;
  bodySites: readonly CaseBodySite[];
  requests?: readonly OpenPhotoRequest[];
  text: IntakeText;
  continueLabel?: string;
  isContinuing?: boolean;
  onBack?: () => void;
  onContinue: () => void;
  onExit?: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSession();
  const siteLabel = useBodySiteLabel(text);
  const csrf = useRef<string | null>(null);
  csrf.current = session.status.kind === 'signed_in' ? session.status.session.csrfToken : null;

  const [stored, setStored] = useState<PhotoSummary[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  const [locals, setLocals] = useState<Record<string, LocalPhoto>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isOnline, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  const controllers = useRef(new Map<string, UploadController>());
  const nextId = useRef(1);
  const isCamera = useRef(hasTouchCamera()).current;

  const reloadStored = useCallback(async () => {
    try {
      setStored((await listCasePhotos(caseId)).photos);
      setLoadFailure(null);
    } catch (caught) {
      setLoadFailure(caught);
    }
  }, [caseId]);

  useEffect(() => {
    void reloadStored();
  }, [reloadStored]);

  const update = useCallback((key: string, id: number, change: (photo: LocalPhoto) => LocalPhoto | null) => {
    setLocals((current) => {
      const photo = current[key];
      if (!photo || photo.id !== id) return current; // replaced by a retake meanwhile
      const next = { ...current };
      const changed = change(photo);
      if (changed) next[key] = changed;
      else {
        URL.revokeObjectURL(photo.previewUrl);
        delete next[key];
      }
      return next;
    });
  }, []);

  // Offline: stop sending; back online: continue from the server's offset with the same upload URL.
  useEffect(() => {
    const offline = () => {
      setOnline(false);
      for (const controller of controllers.current.values()) controller.pause();
      setLocals((current) =>
        Object.fromEntries(
          Object.entries(current).map(([key, photo]) => [
            key,
            photo.phase.kind === 'uploading' || photo.phase.kind === 'stalled'
              ? { ...photo, phase: { ...photo.phase, kind: 'paused' as const } }
              : photo,
          ]),
        ),
      );
    };
    const online = () => {
      setOnline(true);
      setLocals((current) =>
        Object.fromEntries(
          Object.entries(current).map(([key, photo]) => [
            key,
            photo.phase.kind === 'paused' || photo.phase.kind === 'stalled'
              ? { ...photo, phase: { ...photo.phase, kind: 'uploading' as const } }
              : photo,
          ]),
        ),
      );
      for (const controller of controllers.current.values()) controller.resume();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, []);

  // Leaving the step stops the transfers; the URLs stay remembered, so the same file resumes later.
  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.pause();
      running.clear();
    };
  }, []);

  function upload(key: string, id: number, slot: SlotTarget, file: File) {
    update(key, id, (photo) => ({ ...photo, phase: { kind: 'uploading', sent: 0, total: file.size } }));
    const controller = startPhotoUpload(
      { caseId, target: slot.target, view: slot.view, file, csrfToken: () => csrf.current },
      {
        onProgress: (sent, total) =>
          update(key, id, (photo) =>
            photo.phase.kind === 'paused' ? photo : { ...photo, phase: { kind: 'uploading', sent, total } },
          ),
        onProcessing: () => update(key, id, (photo) => ({ ...photo, phase: { kind: 'processing' } })),
        onStalled: () =>
          update(key, id, (photo) => {
            const progress =
              'sent' in photo.phase
                ? { sent: photo.phase.sent, total: photo.phase.total }
                : { sent: 0, total: file.size };
            return { ...photo, phase: { kind: navigator.onLine ? 'stalled' : 'paused', ...progress } };
          }),
        onOutcome: (outcome) => {
          controllers.current.delete(key);
          if (outcome.kind === 'accepted') {
            // Stored: it shows from the server's list from now on, with the server's own verdict.
            void reloadStored().then(() => update(key, id, () => null));
          } else {
            update(key, id, (photo) => ({
              ...photo,
              phase: { kind: 'server-rejected', code: outcome.code, reasons: outcome.reasons },
            }));
          }
        },
      },
    );
    controllers.current.set(key, controller);
  }

  async function choose(slot: SlotTarget, event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file can be picked again after a rejection
    if (!file) return;
    setProblem(null);
    const { key } = slot;
    controllers.current.get(key)?.pause();
    controllers.current.delete(key);
    const id = nextId.current++;
    const photo: LocalPhoto = {
      id,
      file,
      previewUrl: URL.createObjectURL(file),
      assessment: null,
      phase: { kind: 'checking' },
    };
    setLocals((current) => {
      const previous = current[key];
      if (previous) URL.revokeObjectURL(previous.previewUrl);
      return { ...current, [key]: photo };
    });
    if (file.size > MAX_PHOTO_BYTES) {
      update(key, id, (p) => ({ ...p, phase: { kind: 'server-rejected', code: 'FILE_TOO_LARGE', reasons: [] } }));
      return;
    }
    const result = await checkPhotoOnDevice(file);
    if (result.kind === 'checked' && result.assessment.decision === 'reject') {
      update(key, id, (p) => ({
        ...p,
        assessment: result.assessment,
        phase: { kind: 'device-rejected', assessment: result.assessment },
      }));
      return;
    }
    // accept, warn (sent with the warning shown), or not decodable here (the server checks it after upload)
    update(key, id, (p) => ({ ...p, assessment: result.kind === 'checked' ? result.assessment : null }));
    upload(key, id, slot, file);
  }

  function discard(key: string) {
    controllers.current.get(key)?.pause();
    controllers.current.delete(key);
    setLocals((current) => {
      const photo = current[key];
      if (!photo) return current;
      URL.revokeObjectURL(photo.previewUrl);
      const { [key]: _removed, ...rest } = current;
      return rest;
    });
  }

  function proceed() {
    const busy = Object.values(locals).some((p) =>
      ['checking', 'uploading', 'processing', 'paused', 'stalled'].includes(p.phase.kind),
    );
    if (busy) return setProblem(t('photos.waitForUploads'));
    if (requests) {
      const unanswered = requests.filter((r) => !(stored ?? []).some((p) => p.photoRequestId === r.request.id));
      if (unanswered.length > 0) {
        const sites = unanswered.map((r) => `${siteLabel(r.request)} (${viewName(r.request.view)})`).join(', ');
        return setProblem(`${t('errors.REQUESTED_PHOTOS_MISSING')} ${t('photos.missingSites', { sites })}`);
      }
      return onContinue();
    }
    const missing = bodySites.filter((site) => !(stored ?? []).some((photo) => photo.bodySiteId === site.id));
    if (missing.length > 0) {
      return setProblem(
        `${t('errors.PHOTOS_REQUIRED')} ${t('photos.missingSites', { sites: missing.map(siteLabel).join(', ') })}`,
      );
    }
    onContinue();
  }

  const viewName = (view: string | null) => t(`photos.views.${view ?? 'other'}.title` as 'photos.views.other.title');
  const slotProps = (slot: SlotTarget) => {
    const local = locals[slot.key];
    return {
      slotKey: slot.key,
      local,
      isCamera,
      onChoose: (event: ChangeEvent<HTMLInputElement>) => void choose(slot, event),
      onRetry: () => {
        if (!local) return;
        update(slot.key, local.id, (photo) =>
          'sent' in photo.phase ? { ...photo, phase: { ...photo.phase, kind: 'uploading' } } : photo,
        );
        controllers.current.get(slot.key)?.resume();
      },
      onRemove: () => discard(slot.key),
    };
  };

  return (
    <div className="photos-step">
      {requests ? null : <p>{t('photos.intro')}</p>}
      <section className="photo-guidance panel" aria-labelledby="photo-guidance-title">
        <h2 id="photo-guidance-title">{t('photos.guidance.title')}</h2>
        <ul>
          <li>{t('photos.guidance.daylight')}</li>
          <li>{t('photos.guidance.flash')}</li>
          <li>{t('photos.guidance.focus')}</li>
          <li>{t('photos.guidance.scale')}</li>
          <li>{t('photos.guidance.unedited')}</li>
        </ul>
      </section>
      {!isOnline ? <Notice tone="info">{t('photos.offline')}</Notice> : null}
      {loadFailure ? (
        <Notice tone="error">
          <p>{errorText(loadFailure)}</p>
          <button type="button" className="button button-secondary" onClick={() => void reloadStored()}>
            {t('photos.retry')}
          </button>
        </Notice>
      ) : null}

      {requests
        ? requests.map(({ request }) => {
            const slot: SlotTarget = {
              key: `request:${request.id}`,
              target: { photoRequestId: request.id },
              view: null,
            };
            const headingId = `photo-request-${request.id}`;
            const label = siteLabel(request);
            return (
              <section key={request.id} className="photo-site" aria-labelledby={headingId}>
                <h2 id={headingId}>{label}</h2>
                <PhotoSlot
                  {...slotProps(slot)}
                  heading={viewName(request.view)}
                  hint={
                    <>
                      <span className="photo-instruction-label">{t('resubmission.instruction')}</span>{' '}
                      <q className="photo-instruction">{request.instruction}</q>
                    </>
                  }
                  names={{ view: viewName(request.view), site: label }}
                  sent={(stored ?? []).filter((photo) => photo.photoRequestId === request.id)}
                />
              </section>
            );
          })
        : bodySites.map((site) => {
            const label = siteLabel(site);
            const sitePhotos = (stored ?? []).filter((photo) => photo.bodySiteId === site.id);
            const headingId = `photo-site-${site.id}`;
            return (
              <section key={site.id} className="photo-site" aria-labelledby={headingId}>
                <h2 id={headingId}>{label}</h2>
                {GUIDED_VIEWS.map((view) => (
                  <PhotoSlot
                    key={view}
                    {...slotProps({ key: slotKey(site.id, view), target: { bodySiteId: site.id }, view })}
                    heading={
                      <>
                        {viewName(view)}
                        {view === 'side_angle' ? <span className="photo-optional"> {t('photos.ifRaised')}</span> : null}
                      </>
                    }
                    hint={t(`photos.views.${view}.hint`)}
                    names={{ view: viewName(view), site: label }}
                    sent={sitePhotos.filter((photo) => photo.view === view)}
                    onStoredRemoved={reloadStored}
                  />
                ))}
              </section>
            );
          })}

      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <div className="wizard-actions">
        <button type="button" className="button" onClick={proceed} disabled={stored === null || isContinuing}>
          {continueLabel ?? t('submission.continue')}
        </button>
        {onBack ? (
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('submission.back')}
          </button>
        ) : null}
        {onExit ? (
          <button type="button" className="button-link" onClick={onExit}>
            {t('submission.saveAndExit')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
