import { lazy } from 'react';

// OpenSeadragon is large and only dermatologists need it: it loads with the first case they open.
export const DeepZoomViewer = lazy(() => import('./deep-zoom-viewer.tsx').then((m) => ({ default: m.DeepZoomViewer })));
