import './body-map.css';
import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BodyMapRegion, type BodyMapView, regionsInView } from './body-map-regions.ts';
import { FIGURE_HEIGHT, FIGURE_WIDTH, MIRROR } from './body-map-shapes.ts';
import { type BodySiteChoice, isSideChosen, type SiteOnSide, toggleSide } from './body-site-selection.ts';

/**
 * A front and back figure to tap the places of the concern on. It shows and changes the same list as the
 * controls beside it (which stay: they are the keyboard and screen-reader equivalent and hold the small
 * parts the figure leaves out); each region is a toggle button with the site's name.
 */
export function BodyMap({
  chosen,
  isBusy,
  isOnBehalf,
  label,
  onChange,
}: {
  chosen: readonly BodySiteChoice[];
  isBusy: boolean;
  /** A referring clinician for a patient: the sides are the patient's, not "yours". */
  isOnBehalf: boolean;
  label: (place: SiteOnSide) => string;
  onChange: (next: BodySiteChoice[]) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [view, setView] = useState<BodyMapView>('front');
  const whose = isOnBehalf ? 'patient' : 'your';
  // Facing the viewer (front), the person's right is on the viewer's left; from the back, sides match the viewer's.
  const [viewerLeft, viewerRight] = view === 'front' ? (['Right', 'Left'] as const) : (['Left', 'Right'] as const);

  function toggle(region: BodyMapRegion) {
    if (!isBusy) onChange(toggleSide(chosen, region));
  }

  return (
    <section className="body-map" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('bodySites.map.title')}</h2>
      <p className="field-hint">{t('bodySites.map.hint')}</p>
      <fieldset className="body-map-views">
        <legend className="visually-hidden">{t('bodySites.map.views')}</legend>
        {(['front', 'back'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className="button button-secondary button-small"
            aria-pressed={view === option}
            onClick={() => setView(option)}
          >
            {t(`bodySites.map.${option}`)}
          </button>
        ))}
      </fieldset>
      <div className="body-map-figure">
        <p className="body-map-sides" aria-hidden="true">
          <span>{t(`bodySites.map.${whose}${viewerLeft}`)}</span>
          <span>{t(`bodySites.map.${whose}${viewerRight}`)}</span>
        </p>
        <svg
          className={`body-map-svg body-map-${view}`}
          viewBox={`0 0 ${FIGURE_WIDTH} ${FIGURE_HEIGHT}`}
          data-view={view}
        >
          <title>{t(`bodySites.map.${view}Label`)}</title>
          {regionsInView(view).map((region) => (
            <Region
              key={region.id}
              region={region}
              name={label(region)}
              isChosen={isSideChosen(chosen, region)}
              isBusy={isBusy}
              onToggle={toggle}
            />
          ))}
          {view === 'front' ? <FaceMarks /> : null}
        </svg>
      </div>
    </section>
  );
}

function Region({
  region,
  name,
  isChosen,
  isBusy,
  onToggle,
}: {
  region: BodyMapRegion;
  name: string;
  isChosen: boolean;
  isBusy: boolean;
  onToggle: (region: BodyMapRegion) => void;
}) {
  function onKeyDown(event: KeyboardEvent<SVGPathElement>) {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onToggle(region);
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it gets the button's role, focus and keys.
    <path
      className="body-map-region"
      d={region.shape}
      transform={region.isMirrored ? MIRROR : undefined}
      role="button"
      tabIndex={0}
      aria-label={name}
      aria-pressed={isChosen}
      aria-disabled={isBusy || undefined}
      data-region={region.id}
      onClick={() => onToggle(region)}
      onKeyDown={onKeyDown}
    >
      <title>{name}</title>
    </path>
  );
}

/** Eyes and mouth, so the front view reads as a face; they let taps through to the region under them. */
function FaceMarks() {
  return (
    <g className="body-map-marks">
      <circle cx="110" cy="38" r="2.5" />
      <circle cx="130" cy="38" r="2.5" />
      <path d="M111 55 Q120 61 129 55" />
    </g>
  );
}
