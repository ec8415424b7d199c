#!/usr/bin/env -S node --max-semi-space-size=8 --single-threaded-gc
// The flags: V8's young generation capped and its garbage collector kept on the allocating thread,
// as @venuelab/experiment's runtime.ts explains (NODE_FLAGS).
// Launcher: runs the TypeScript entry point through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../src/bin.ts');
