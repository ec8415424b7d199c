#!/usr/bin/env -S node --max-semi-space-size=8
// The flag: V8's young generation capped as @venuelab/experiment's runtime.ts explains (NODE_FLAGS).
// Launcher: runs the TypeScript entry point through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../src/bin.ts');
