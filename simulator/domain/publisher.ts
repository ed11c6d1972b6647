/**
 * Publishes the world's events on Bayeux, with the `dropEvents` fault and the
 * configured delay (on the scheduler, so on the simulator's clock). Events go
 * out only after the REST answer that caused them, as on GWS.
 */

import type { FaultBook } from './faults.ts';
import type { PendingEvent } from './model.ts';
import type { Scheduler } from './scheduler.ts';

/** Where published events go: the Bayeux hub. */
export interface EventSink {
  publish(event: PendingEvent): void;
}

/** Publishes events now or after the answer, minus the ones a fault swallows. */
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
  bayeux: EventSink;
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
      // Not a delay but the order of work: the next turn of the event loop, after the answer's write.
      else setImmediate(run);
    },
  };
}
