#!/usr/bin/env node
// Launcher: runs the TypeScript entry point through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../src/bin.ts');
