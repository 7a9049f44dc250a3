// Worker threads start without the parent's loaders: register tsx here (as bin/dermis.js does), then run the
// TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./photo-worker.ts');
