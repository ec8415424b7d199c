/**
 * A recording bus: attaches to a run's bus and keeps every event in order.
 * @module
 */
import type { BusEvents, RunBus } from '@venuelab/kernel';

/** One recorded event. */
export interface RecordedEvent<K extends keyof BusEvents = keyof BusEvents> {
  /** Event name. */
  name: K;
  /** Event payload (first argument). */
  payload: BusEvents[K][0];
}

/** Records bus events in the order they were emitted. */
export class RecordingBus {
  /** Every recorded event. */
  readonly events: RecordedEvent[] = [];

  /**
   * @param bus - the run's bus
   * @param names - which events to record (default: all)
   */
  constructor(
    bus: RunBus,
    names: (keyof BusEvents)[] = ['run.started', 'run.stopped', 'order.accepted', 'order.rejected', 'order.cancelled', 'fill.executed', 'batch.cleared'],
  ) {
    for (const name of names) {
      bus.on(name, ((payload: unknown) => this.events.push({ name, payload } as RecordedEvent)) as never);
    }
  }

  /** Recorded payloads of one event. */
  of<K extends keyof BusEvents>(name: K): BusEvents[K][0][] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as BusEvents[K][0]);
  }
}
