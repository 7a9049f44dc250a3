import OpenSeadragon from 'openseadragon';
import { boundsOf, type Region } from './region-geometry.ts';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Draws regions over the deep-zoom image as OpenSeadragon overlays, which OpenSeadragon places and scales
 * through the DOM style API (allowed by our CSP; no style attributes or <style> elements are written here).
 * Overlays are decoration (aria-hidden): the annotation list beside the viewer is their accessible form.
 */
export interface OverlayRegion {
  key: string;
  label: string;
  region: Region;
  variant: 'clinician_only' | 'patient' | 'pending' | 'selected';
}

function element(variant: OverlayRegion['variant'], kind: Region['kind']): HTMLElement {
  const div = document.createElement('div');
  div.className = `region-overlay region-${kind} region-${variant}`;
  div.setAttribute('aria-hidden', 'true');
  return div;
}

function withLabel(div: HTMLElement, label: string): HTMLElement {
  if (!label) return div;
  const tag = document.createElement('span');
  tag.className = 'region-label';
  tag.textContent = label;
  div.append(tag);
  return div;
}

function polygonSvg(region: Extract<Region, { kind: 'polygon' }>): SVGSVGElement {
  const { x, y, w, h } = boundsOf(region);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `${x} ${y} ${Math.max(w, 1)} ${Math.max(h, 1)}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const shape = document.createElementNS(SVG, region.points.length > 2 ? 'polygon' : 'polyline');
  shape.setAttribute('points', region.points.map((p) => p.join(',')).join(' '));
  shape.setAttribute('vector-effect', 'non-scaling-stroke');
  svg.append(shape);
  return svg;
}

export function addRegionOverlay(viewer: OpenSeadragon.Viewer, overlay: OverlayRegion): HTMLElement {
  const { region } = overlay;
  const div = withLabel(element(overlay.variant, region.kind), overlay.label);
  if (region.kind === 'point') {
    viewer.addOverlay({
      element: div,
      location: viewer.viewport.imageToViewportCoordinates(region.x, region.y),
      placement: OpenSeadragon.Placement.CENTER,
    });
    return div;
  }
  const { x, y, w, h } = boundsOf(region);
  if (region.kind === 'polygon') div.append(polygonSvg(region));
  viewer.addOverlay({
    element: div,
    location: viewer.viewport.imageToViewportRectangle(x, y, Math.max(w, 1), Math.max(h, 1)),
  });
  return div;
}

/** Replaces all overlays with `overlays` (few per photo, so redrawing them all is simplest). */
export function drawRegionOverlays(viewer: OpenSeadragon.Viewer, overlays: OverlayRegion[]): void {
  viewer.clearOverlays();
  for (const overlay of overlays) addRegionOverlay(viewer, overlay);
}

/**
 * OpenSeadragon injects a <style> element for touch devices unless one with this attribute exists; our CSP
 * (style-src 'self') would block it and report a violation. An element named `style` outside the HTML and SVG
 * namespaces satisfies OpenSeadragon's check without being a stylesheet. Its rule only hid the canvas focus
 * outline on touch screens, which we want visible anyway (case-review.css styles the focus ring).
 */
export function preventInjectedViewerStyle(): void {
  if (document.querySelector('style[data-openseadragon-mobile-css]')) return;
  const marker = document.createElementNS('https://dermis.dev/ns/inert', 'style');
  marker.setAttribute('data-openseadragon-mobile-css', 'true');
  document.head.append(marker);
}
