// The entry of the scan worker thread (see parallel-scan.ts). Loader hooks of the parent
// process don't reach worker threads, so the worker registers tsx itself before it loads
// the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');
