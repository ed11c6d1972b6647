/**
 * Helpers for request values that reach the world: caller-chosen JSON, so they
 * never call the value's own methods and never let a key re-parent an object.
 */

/**
 * A request value as text for an error message. Never calls the value's own
 * methods: a JSON body can carry `{"toString":1}`.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Attached data is a bag of caller-chosen keys, `__proto__` included: a
 * prototype-less object stores every key as data and cannot be re-parented.
 */
export function newUserData(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}
