import type { BayeuxHub } from './bayeux.ts';
import type { FaultBook } from './faults.ts';
import type { Scheduler } from './scheduler.ts';
import type { PendingEvent } from './world.ts';

/** Publishes the world's events on Bayeux, with the `dropEvents` fault and the configured delay. */
export interface Publisher {
  /** Publishes now (minus the events a `dropEvents` fault swallows). */
  publish(events: PendingEvent[]): void;
  /**
   * Publishes after the REST answer has been written (gws-api.md §6.4): on the
   * next turn of the event loop, or after `eventDelayMs`; then runs `then`.
   */
  publishLater(events: PendingEvent[], then?: () => void): void;
}

/** Builds the {@link Publisher} of one simulator. */
export function createPublisher(deps: {
  bayeux: BayeuxHub;
  faults: FaultBook;
  scheduler: Scheduler;
  eventDelayMs: number;
  log: (line: string) => void;
}): Publisher {
  const publish = (events: PendingEvent[]): void => {
    for (const event of events) {
      if (deps.faults.takeDropEvent()) {
        deps.log(`fault: dropped ${event.channel} event for ${event.agent}`);
        continue;
      }
      deps.bayeux.publish(event);
    }
  };
  return {
    publish,
    publishLater(events, then) {
      if (events.length === 0 && !then) return;
      const run = (): void => {
        publish(events);
        then?.();
      };
      if (deps.eventDelayMs > 0) deps.scheduler.later(deps.eventDelayMs, run);
      else setImmediate(run);
    },
  };
}
