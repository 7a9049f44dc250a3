import type { CaseViewPhoto, PhotoAnnotation, PhotoSummary } from '@dermis/core';
import { createElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../ui/use-load.ts';
import { getPhotoLinks, listCasePhotos } from '../submission/index.ts';
import { listAnnotations } from './case-review-api.ts';
import { regionOf, svgShapeOf } from './region-geometry.ts';

type AnnotatedPhoto = { photo: PhotoSummary; preview: string; annotations: PhotoAnnotation[] };

async function loadAnnotatedPhotos(caseId: string, signal: AbortSignal): Promise<AnnotatedPhoto[]> {
  const { photos } = await listCasePhotos(caseId, signal);
  const all = await Promise.all(
    photos.map(async (photo) => {
      const { annotations } = await listAnnotations(photo.id, signal);
      if (annotations.length === 0) return null;
      const links = await getPhotoLinks(photo.id);
      return { photo, preview: links.links.preview, annotations };
    }),
  );
  return all.filter((a): a is AnnotatedPhoto => a !== null);
}

/** A still photo with numbered regions drawn over it (an SVG in the photo's pixel space, scaled with it). */
export function PhotoWithRegions({
  photo,
  src,
  alt,
  annotations,
}: {
  photo: Pick<CaseViewPhoto, 'width' | 'height'>;
  src: string;
  alt: string;
  annotations: PhotoAnnotation[];
}) {
  return (
    <div className="annotated-photo">
      <img src={src} alt={alt} width={photo.width} height={photo.height} className="annotated-photo-image" />
      <svg
        className="annotated-photo-regions"
        viewBox={`0 0 ${photo.width} ${photo.height}`}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        {annotations.map((annotation, index) => {
          const shape = svgShapeOf(regionOf(annotation.annotation), photo);
          const fontSize = Math.max(12, Math.min(photo.width, photo.height) / 25);
          return (
            <g key={annotation.id}>
              {createElement(shape.tag, {
                ...shape.attributes,
                className: 'annotated-region',
                vectorEffect: 'non-scaling-stroke',
              })}
              <text
                x={shape.labelAt[0]}
                y={shape.labelAt[1]}
                dy="-0.3em"
                fontSize={fontSize}
                className="annotated-label"
              >
                {index + 1}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/**
 * The patient's (or referring GP's) photos that carry annotations they may see: the server releases the
 * patient-visible ones once the response is signed and never sends clinician-only ones. For the patient's
 * response page; shows nothing while there are none.
 */
export function AnnotatedPhotos({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [state] = useLoad((signal) => loadAnnotatedPhotos(caseId, signal), [caseId]);
  if (state.status !== 'ready' || state.data.length === 0) return null;
  return (
    <section aria-labelledby="annotated-photos-title" data-testid="annotated-photos">
      <h3 id="annotated-photos-title">{t('caseReview.patientView.title')}</h3>
      {state.data.map(({ photo, preview, annotations }, index) => (
        <figure key={photo.id} className="annotated-figure">
          <PhotoWithRegions
            photo={photo}
            src={preview}
            alt={t('caseReview.patientView.photo', { number: index + 1 })}
            annotations={annotations}
          />
          <figcaption>
            <ol className="annotated-notes">
              {annotations.map((a) => (
                <li key={a.id}>{a.annotation.body[0]?.value}</li>
              ))}
            </ol>
          </figcaption>
        </figure>
      ))}
    </section>
  );
}
