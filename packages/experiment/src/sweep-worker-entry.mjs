// Worker-thread bootstrap: registers tsx's loader in this thread (so TypeScript plugins import),
// imports the sweep's plugins (listed in the pool's workerData) so no run waits on module loading,
// then serves jobs with the TypeScript worker module.
import { workerData } from 'piscina';
import { register } from 'tsx/esm/api';

register();
const mod = await import('./sweep-worker.ts');
await mod.preloadPlugins(workerData?.preload ?? []);
export default mod.runTask;
