// Worker threads start without the parent's loaders: register tsx here (as the images module's worker does),
// then run the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./fit-image-worker.ts');
