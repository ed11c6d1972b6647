/**
 * One listener set, used by every layer that pushes events (the core, the
 * compliance wrapper, the session controller, the app service) instead of a
 * hand-rolled `Set` in each. A listener that throws is reported to `onError`
 * and never stops the others: one broken consumer (a window, a log) must not
 * keep the tray from learning that the recording is paused.
 */

/** A typed listener set. */
export interface Emitter<E> {
  /** Adds `listener`; the returned function removes it (idempotent). */
  on(listener: (event: E) => void): () => void;
  /** Calls every listener with `event`, in the order they were added. */
  emit(event: E): void;
  /** How many listeners are attached. */
  readonly size: number;
  /** Removes every listener. */
  clear(): void;
}

/** Creates an {@link Emitter}; `onError` receives what a listener threw (default: ignored). */
export function createEmitter<E>(onError: (error: unknown) => void = () => undefined): Emitter<E> {
  const listeners = new Set<(event: E) => void>();
  return {
    on(listener: (event: E) => void): () => void {
      listeners.add(listener);
      return (): void => {
        listeners.delete(listener);
      };
    },
    emit(event: E): void {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    get size(): number {
      return listeners.size;
    },
    clear(): void {
      listeners.clear();
    },
  };
}
