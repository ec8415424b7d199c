import { describe, expect, it } from 'vitest';
import { RunBus } from '../src/index.js';

describe('RunBus.has', () => {
  it('follows every way of adding and removing listeners (its answer is cached between changes)', () => {
    const bus = new RunBus();
    const fn = () => undefined;
    expect(bus.has('fill.executed')).toBe(false);
    bus.on('fill.executed', fn);
    expect(bus.has('fill.executed')).toBe(true);
    expect(bus.has('order.accepted')).toBe(false);
    bus.off('fill.executed', fn);
    expect(bus.has('fill.executed')).toBe(false);
    bus.addListener('order.accepted', fn);
    expect(bus.has('order.accepted')).toBe(true);
    bus.removeListener('order.accepted', fn);
    expect(bus.has('order.accepted')).toBe(false);
    bus.once('order.rejected', fn);
    expect(bus.has('order.rejected')).toBe(true);
    bus.emit('order.rejected', { venue: 'v', agentId: 'a', t: 0, result: { orderId: 1, status: 'rejected', filledQty: 0, remainingQty: 0 } });
    expect(bus.has('order.rejected')).toBe(false); // a once listener removes itself after firing
    bus.on('batch.cleared', fn);
    bus.on('progress.reported', fn);
    bus.removeAllListeners('batch.cleared');
    expect(bus.has('batch.cleared')).toBe(false);
    expect(bus.has('progress.reported')).toBe(true);
    bus.removeAllListeners();
    expect(bus.has('progress.reported')).toBe(false);
  });
});
