// Worker-thread bootstrap: registers tsx's loader in this thread (so TypeScript plugins import),
// then serves jobs with the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./sweep-worker.ts');
export default mod.runTask;
