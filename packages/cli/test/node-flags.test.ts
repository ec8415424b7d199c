/**
 * The command starts Node with the heap flags @venuelab/experiment documents (runtime.ts), in
 * every way it is started: the installed launcher, the workspace scripts and the benchmark.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS, SEMI_SPACE_MB, WORKER_RESOURCE_LIMITS } from '@venuelab/experiment';

const root = join(import.meta.dirname, '../../..');

describe('node flags', () => {
  it('the launcher and the workspace scripts pass NODE_FLAGS', () => {
    const shebang = readFileSync(join(root, 'packages/cli/bin/venuelab.js'), 'utf8').split('\n')[0]!;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'venuelab', 'bench']) expect(scripts[name], name).toMatch(new RegExp(`^tsx ${NODE_FLAGS.join(' ')} `));
  });

  it('the flag sets the semi-space size the worker limits give', () => {
    const probe = `const v8 = require('node:v8'); const { Worker } = require('node:worker_threads');
      const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i }); if (keep.length > 1e5) keep = []; }
      const w = new Worker(\`const v8 = require('node:v8'); let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i }); if (keep.length > 1e5) keep = []; }
        require('node:worker_threads').parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)\`,
        { eval: true, resourceLimits: ${JSON.stringify(WORKER_RESOURCE_LIMITS)} });
      w.on('message', (m) => { console.log(JSON.stringify([size().space_size, m])); w.terminate(); });`;
    const [main, worker] = JSON.parse(execFileSync(process.execPath, [...NODE_FLAGS, '-e', probe], { encoding: 'utf8' })) as [number, number];
    // two semi-spaces of SEMI_SPACE_MB, in the main thread and in a worker (grown to the cap by the allocation loop)
    expect(main).toBe(2 * SEMI_SPACE_MB * 2 ** 20);
    expect(worker).toBe(main);
  });
});
