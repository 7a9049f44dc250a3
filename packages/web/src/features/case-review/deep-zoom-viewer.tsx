import OpenSeadragon from 'openseadragon';
import { type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  boundsOf,
  clampToImage,
  type ImageSize,
  pointAt,
  type Region,
  type RegionKind,
  rectangleFromDrag,
} from './region-geometry.ts';
import {
  addRegionOverlay,
  drawRegionOverlays,
  type OverlayRegion,
  preventInjectedViewerStyle,
} from './region-overlays.ts';

export interface ViewerHandle {
  /** The part of the image on screen, in image pixels. */
  visibleImageRect(): { x: number; y: number; width: number; height: number } | null;
  showRegion(region: Region): void;
}

interface DeepZoomViewerProps {
  imageUrl: string;
  image: ImageSize;
  label: string;
  overlays: OverlayRegion[];
  /** The shape being drawn with the pointer, or null to pan and zoom. */
  drawing: RegionKind | null;
  onDrawn(region: Region): void;
  onOpenFailed(): void;
  ref?: Ref<ViewerHandle>;
}

type Point = { x: number; y: number };

/**
 * Deep zoom and pan on the full-resolution photo (OpenSeadragon, one image tile source from the signed master
 * link). Keyboard: focus the image, then arrows or WASD pan, + and - zoom, 0 resets; the buttons do the same.
 * Drawing: drag a rectangle, click a point, click polygon corners and double-click (or Finish) to close it.
 */
export function DeepZoomViewer({
  imageUrl,
  image,
  label,
  overlays,
  drawing,
  onDrawn,
  onOpenFailed,
  ref,
}: DeepZoomViewerProps) {
  const { t } = useTranslation();
  const helpId = useId();
  const container = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<OpenSeadragon.Viewer | null>(null);
  const [isOpen, setOpen] = useState(false);
  const [zoom, setZoom] = useState(1);
  const [draft, setDraft] = useState<[number, number][]>([]);
  // OpenSeadragon's handlers are bound once per image; they read the latest props through this ref.
  const latest = useRef({ drawing, onDrawn, onOpenFailed, image, draft });
  latest.current = { drawing, onDrawn, onOpenFailed, image, draft };

  // biome-ignore lint/correctness/useExhaustiveDependencies: one viewer per image; the rest is read through `latest`.
  useEffect(() => {
    if (!container.current) return;
    preventInjectedViewerStyle();
    const viewer = OpenSeadragon({
      element: container.current,
      tileSources: { type: 'image', url: imageUrl },
      showNavigationControl: false,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false },
      gestureSettingsTouch: { clickToZoom: false, dblClickToZoom: false },
      maxZoomPixelRatio: 4,
      visibilityRatio: 0.5,
    });
    viewerRef.current = viewer;
    const canvas = viewer.canvas as HTMLElement;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-describedby', helpId);
    canvas.classList.add('viewer-canvas');
    const toImage = (position: OpenSeadragon.Point): Point => {
      const p = viewer.viewport.viewerElementToImageCoordinates(position);
      return { x: p.x, y: p.y };
    };
    let dragStart: Point | null = null;
    let preview: HTMLElement | null = null;
    const clearPreview = () => {
      if (preview) viewer.removeOverlay(preview);
      preview = null;
    };

    viewer.addHandler('open', () => setOpen(true));
    viewer.addHandler('open-failed', () => latest.current.onOpenFailed());
    viewer.addHandler('zoom', (event) => setZoom(Math.round((event.zoom ?? 1) * 100) / 100));
    viewer.addHandler('canvas-key', (event) => {
      const key = (event.originalEvent as KeyboardEvent).code;
      if (key === 'Escape') setDraft([]);
      if (key === 'NumpadAdd' || key === 'NumpadSubtract') {
        viewer.viewport.zoomBy(key === 'NumpadAdd' ? 1.2 : 1 / 1.2);
        viewer.viewport.applyConstraints();
      }
    });
    viewer.addHandler('canvas-press', (event) => {
      if (latest.current.drawing === 'rectangle') dragStart = toImage(event.position as OpenSeadragon.Point);
    });
    viewer.addHandler('canvas-drag', (event) => {
      if (latest.current.drawing !== 'rectangle' || !dragStart) return;
      event.preventDefaultAction = true;
      const [x, y] = clampToImage(toImage(event.position as OpenSeadragon.Point), latest.current.image);
      const region = rectangleFromDrag(dragStart, { x, y }, latest.current.image);
      clearPreview();
      if (region) preview = addRegionOverlay(viewer, { key: 'drag', label: '', region, variant: 'pending' });
    });
    viewer.addHandler('canvas-release', (event) => {
      if (latest.current.drawing !== 'rectangle' || !dragStart) return;
      const region = rectangleFromDrag(dragStart, toImage(event.position as OpenSeadragon.Point), latest.current.image);
      dragStart = null;
      clearPreview();
      if (region) latest.current.onDrawn(region);
    });
    viewer.addHandler('canvas-click', (event) => {
      const { drawing: kind, image: size } = latest.current;
      if (!kind) return;
      event.preventDefaultAction = true;
      if (!event.quick) return;
      const at = toImage(event.position as OpenSeadragon.Point);
      if (kind === 'point') {
        const region = pointAt(at, size);
        if (region) latest.current.onDrawn(region);
      } else if (kind === 'polygon') {
        setDraft((points) => [...points, clampToImage(at, size)]);
      }
    });
    viewer.addHandler('canvas-double-click', (event) => {
      if (latest.current.drawing !== 'polygon') return;
      event.preventDefaultAction = true;
      finishPolygon();
    });
    return () => {
      viewerRef.current = null;
      setOpen(false);
      viewer.destroy();
    };
  }, [imageUrl]);

  const finishPolygon = () => {
    const points = dedupe(latest.current.draft);
    if (points.length >= 3) latest.current.onDrawn({ kind: 'polygon', points });
    setDraft([]);
  };

  // The canvas is what takes focus: it carries the photo's name and what it is (again for each new viewer).
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new image means a new canvas to label.
  useEffect(() => {
    const canvas = viewerRef.current?.canvas as HTMLElement | undefined;
    canvas?.setAttribute('aria-label', label);
    canvas?.setAttribute('aria-roledescription', t('caseReview.viewer.roleDescription'));
  }, [label, t, imageUrl]);

  // A new tool (or none) drops a half-drawn polygon.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the tool changes.
  useEffect(() => setDraft([]), [drawing]);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || !isOpen) return;
    const all = [...overlays];
    if (draft.length > 0) {
      all.push({ key: 'draft', label: '', region: { kind: 'polygon', points: draft }, variant: 'pending' });
    }
    drawRegionOverlays(viewer, all);
  }, [overlays, draft, isOpen]);

  useImperativeHandle(ref, () => ({
    visibleImageRect() {
      const viewer = viewerRef.current;
      if (!viewer || !isOpen) return null;
      const r = viewer.viewport.viewportToImageRectangle(viewer.viewport.getBounds(true));
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    showRegion(region) {
      const viewer = viewerRef.current;
      if (!viewer) return;
      const { x, y, w, h } = boundsOf(region);
      const margin = Math.max(w, h, Math.min(image.width, image.height) / 10);
      viewer.viewport.fitBounds(
        viewer.viewport.imageToViewportRectangle(x - margin, y - margin, w + 2 * margin, h + 2 * margin),
      );
    },
  }));

  const zoomBy = (factor: number) => {
    const viewer = viewerRef.current;
    if (!viewer) return;
    viewer.viewport.zoomBy(factor);
    viewer.viewport.applyConstraints();
  };

  return (
    <div className="viewer">
      <div className="viewer-toolbar">
        <button type="button" className="button button-secondary" onClick={() => zoomBy(1.5)}>
          {t('caseReview.viewer.zoomIn')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => zoomBy(1 / 1.5)}>
          {t('caseReview.viewer.zoomOut')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => viewerRef.current?.viewport.goHome()}>
          {t('caseReview.viewer.reset')}
        </button>
        {drawing === 'polygon' && draft.length >= 3 ? (
          <button type="button" className="button" onClick={finishPolygon}>
            {t('caseReview.viewer.finishPolygon')}
          </button>
        ) : null}
      </div>
      <div
        ref={container}
        className={`viewer-stage${drawing ? ' viewer-drawing' : ''}`}
        data-testid="deep-zoom-viewer"
        data-zoom={zoom}
        data-open={isOpen}
      />
      <p id={helpId} className="viewer-help">
        {drawing ? t(`caseReview.viewer.drawHelp.${drawing}`) : t('caseReview.viewer.keyboardHelp')}
      </p>
    </div>
  );
}

function dedupe(points: [number, number][]): [number, number][] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}
