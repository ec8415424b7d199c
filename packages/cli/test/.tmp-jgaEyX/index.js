import { definePlugin, z } from '@venuelab/kernel';
export default definePlugin({ id: 'agent-needy', kind: 'agent', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['venue-fancy'],
  configSchema: z.strictObject({}), register(ctx) { ctx.registerAgent((a) => ({ id: a.id, role: 'x', start() {} })); } });
