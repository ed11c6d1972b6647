/**
 * The one naming rule of the IPC contract (contract/ipc-contract.ts): an API
 * method's name gives its wire name, so no list of channel names is kept by
 * hand anywhere.
 *
 * - an invoke method `getState` travels on channel `gws:get-state`;
 * - a push method is `on` + its event: `onState` listens to event `state`,
 *   which travels on channel `gws:state` (Electron) or as a frame whose `type`
 *   is `state` (browser mode).
 *
 * Browser mode's two fixed names (the socket's path, the page's `<meta>`) live
 * here too. Zod-free and with no imports on purpose: the sandboxed preload and
 * the browser page bundle this file (the schemas would add 182 KB of zod).
 */

/** `getState` → `get-state`, at the type level. */
export type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/** A push method's name: `on` + a capitalised event. */
export type PushMethodName = `on${Capitalize<string>}`;

/** The event of a push method: `onState` → `state`. */
export type EventOf<M extends string> = M extends `on${infer E}` ? Uncapitalize<E> : never;

/** The Electron channel of an invoke method: `getState` → `gws:get-state`. */
export type InvokeChannelOf<M extends string> = `gws:${Kebab<M>}`;

/** The Electron channel of a push event: `state` → `gws:state`. */
export type PushChannelOf<E extends string> = `gws:${Kebab<E>}`;

/** True for a push method (`onState`), false for an invoke method (`getState`). */
export function isPushMethod(method: string): boolean {
  return /^on[A-Z]/.test(method);
}

/** `getState` → `get-state`. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The channel an invoke method travels on: `getState` → `gws:get-state`. */
export function invokeChannel<M extends string>(method: M): InvokeChannelOf<M> {
  return `gws:${kebab(method)}` as InvokeChannelOf<M>;
}

/** The event a push method listens to: `onState` → `state`. */
export function eventOf<M extends string>(method: M): EventOf<M> {
  const name = method.slice(2);
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}` as EventOf<M>;
}

/** The channel a push event travels on: `state` → `gws:state`. */
export function pushChannel<E extends string>(event: E): PushChannelOf<E> {
  return `gws:${kebab(event)}` as PushChannelOf<E>;
}

/**
 * The payload of a push event as main emits it, `{ type: 'state', view }`:
 * its one field besides `type` (the map's `push(key, …)` names that field).
 */
export function pushPayload(event: { readonly type: string; readonly [field: string]: unknown }): unknown {
  for (const [key, value] of Object.entries(event)) if (key !== 'type') return value;
  return undefined;
}

/** Browser mode: path of the WebSocket endpoint. */
export const WS_PATH = '/ws';

/**
 * Browser mode: name of the `<meta>` through which the server tells the page
 * the API's method names (the page bundles no zod, so it cannot read the map).
 */
export const API_METHODS_META = 'gws-api-methods';
