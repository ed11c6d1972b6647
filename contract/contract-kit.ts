/**
 * The machinery that turns the one IPC map (`IPC_CONTRACT` in
 * contract/ipc-contract.ts) into everything else: the window's API type, the
 * main process's port type, the push events, the channel table. Nothing here
 * names a call of the app: adding a call is an entry in the map and a method
 * in the app service, and the compiler finds every other place that must
 * answer it (there are none to edit by hand).
 *
 * Entry kinds:
 * - `invoke(...)`: the window asks, main answers. `request` is the zod schema
 *   every transport parses the payload with before the app service sees it
 *   (absent: the call takes no payload); `result` is the answer's schema (its
 *   type is what the window gets); `sync` says the app service answers at
 *   once (the port returns the value, not a promise); `refuse` words an
 *   invalid payload in the call's own failure shape, where it has one.
 * - `push(key, payload)`: main tells the window. The method is `on` + the
 *   event, the event travels as `{ type: event, [key]: payload }`.
 */

import type { z } from 'zod';
import {
  eventOf,
  invokeChannel,
  isPushMethod,
  pushChannel,
  type EventOf,
  type InvokeChannelOf,
  type PushChannelOf,
  type PushMethodName,
} from './ipc-channels.ts';

/** What main hands a `refuse` function: the reads a failure shape may need to carry. */
export interface RefusalContext<Settings> {
  getSettings(): Settings;
}

/** One invoke call of the map. */
export interface InvokeEntry<
  Req extends z.ZodType | undefined = z.ZodType | undefined,
  Res extends z.ZodType = z.ZodType,
  Sync extends boolean = boolean,
> {
  kind: 'invoke';
  request: Req;
  result: Res;
  sync: Sync;
  refuse?: ((message: string, context: RefusalContext<never>) => unknown) | undefined;
}

/** One push event of the map. */
export interface PushEntry<Key extends string = string, Payload extends z.ZodType = z.ZodType> {
  kind: 'push';
  key: Key;
  payload: Payload;
}

/**
 * An invoke entry: the result schema first (so the compiler knows the answer's
 * type before it reads `refuse`), then the request schema and the options.
 * `refuse` gets the validation message and what main can read now, and
 * returns the call's own failure answer (annotate its return type: the
 * compiler widens `ok: false` to `boolean` in a generic call's callback).
 */
export function invoke<
  Res extends z.ZodType,
  Req extends z.ZodType | undefined = undefined,
  Sync extends boolean = false,
  Settings = never,
>(
  result: Res,
  options: {
    request?: Req;
    sync?: Sync;
    refuse?: (message: string, context: RefusalContext<Settings>) => z.input<Res>;
  } = {},
): InvokeEntry<Req, Res, Sync> {
  return {
    kind: 'invoke',
    request: options.request as Req,
    result,
    sync: (options.sync ?? false) as Sync,
    refuse: options.refuse as InvokeEntry['refuse'],
  };
}

/** A push entry: the event carries its payload under `key` (never `type`). */
export function push<Key extends string, Payload extends z.ZodType>(
  key: Exclude<Key, 'type'>,
  payload: Payload,
): PushEntry<Key, Payload> {
  return { kind: 'push', key, payload };
}

/** The shape of a map: invoke methods by name, push methods named `on` + event. */
export type ContractMap = Record<string, InvokeEntry | PushEntry>;

/**
 * Checks at compile time that push entries, and only they, are named `on…`.
 * (Only `kind` is constrained here: a wider contextual type would widen what
 * each `invoke(...)` infers, e.g. `sync: true` to `boolean`.)
 */
export function defineContract<const C extends Record<string, { kind: 'invoke' | 'push' }>>(
  map: C & { [M in keyof C]: { kind: M extends PushMethodName ? 'push' : 'invoke' } },
): C {
  return map;
}

/** Flattens an intersection for readable hovers and errors. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The invoke methods of a map. */
export type InvokeMethods<C extends ContractMap> = {
  [M in keyof C]: C[M] extends InvokeEntry ? M : never;
}[keyof C] &
  string;

/** The push methods of a map. */
export type PushMethods<C extends ContractMap> = {
  [M in keyof C]: C[M] extends PushEntry ? M : never;
}[keyof C] &
  string;

/** The arguments of an invoke, as the window sends them (schema input) or main receives them (output). */
type RequestArgs<E, Side extends 'in' | 'out'> =
  E extends InvokeEntry<infer Req>
    ? Req extends z.ZodType
      ? [request: Side extends 'in' ? z.input<Req> : z.output<Req>]
      : []
    : never;

/** The answer of an invoke. */
export type ResultOf<E> = E extends InvokeEntry<z.ZodType | undefined, infer Res> ? z.output<Res> : never;

/** The payload of a push. */
type PayloadOf<E> = E extends PushEntry<string, infer P> ? z.output<P> : never;

/** The window's API (`window.gwsApi`): every call async, every subscription returns its unsubscribe. */
export type ApiOf<C extends ContractMap> = Simplify<
  {
    [M in InvokeMethods<C>]: (...request: RequestArgs<C[M], 'in'>) => Promise<ResultOf<C[M]>>;
  } & {
    [M in PushMethods<C>]: (listener: (payload: PayloadOf<C[M]>) => void) => () => void;
  }
>;

/** One push event as main emits it: `{ type: 'state', view }`. */
export type PushEventOf<C extends ContractMap> = {
  [M in PushMethods<C>]: Simplify<
    { type: EventOf<M> } & { [K in C[M] extends PushEntry<infer Key> ? Key : never]: PayloadOf<C[M]> }
  >;
}[PushMethods<C>];

/** What main implements: each invoke (sync ones answer at once) and one subscription to every push. */
export type PortOf<C extends ContractMap> = Simplify<
  {
    [M in InvokeMethods<C>]: (
      ...request: RequestArgs<C[M], 'out'>
    ) => C[M] extends InvokeEntry<z.ZodType | undefined, z.ZodType, true>
      ? ResultOf<C[M]>
      : Promise<ResultOf<C[M]>>;
  } & {
    subscribe(listener: (event: PushEventOf<C>) => void): () => void;
  }
>;

/** Channel names by capitalised method or event: `{ GetState: 'gws:get-state', State: 'gws:state' }`. */
export type ChannelTable<C extends ContractMap> = Simplify<
  {
    readonly [M in InvokeMethods<C> as Capitalize<M>]: InvokeChannelOf<M>;
  } & {
    readonly [M in PushMethods<C> as Capitalize<EventOf<M>>]: PushChannelOf<EventOf<M>>;
  }
>;

/** The channel table of a map (for logs, tests and anything that names a channel). */
export function channelTable<C extends ContractMap>(map: C): ChannelTable<C> {
  const table: Record<string, string> = {};
  for (const method of Object.keys(map)) {
    const name = isPushMethod(method) ? eventOf(method) : method;
    const channel = isPushMethod(method) ? pushChannel(name) : invokeChannel(method);
    table[`${name.charAt(0).toUpperCase()}${name.slice(1)}`] = channel;
  }
  return table as ChannelTable<C>;
}

/** The invoke methods of a map, in its order. */
export function invokeMethods<C extends ContractMap>(map: C): InvokeMethods<C>[] {
  return Object.keys(map).filter((method) => !isPushMethod(method)) as InvokeMethods<C>[];
}
