/**
 * The gate every incoming Bayeux reply passes before faye sees it. faye 1.4.3
 * trusts its input: a message on a channel that is not a valid channel name
 * (`[{"channel":"nope","data":{}}]`) throws inside an HTTP response handler and
 * kills the process; a `null` in a websocket frame does too; an
 * `advice.timeout` of 1e10 becomes a 1 ms Node timer. So a reply is parsed
 * here, message by message, with zod: what is not a Bayeux message is dropped
 * (and reported), advice is clamped to sane bounds, and only the rest is
 * routed. Pure functions: the seeded fuzz drives {@link screenReplies}
 * directly.
 */

import { z } from 'zod';
import type { Message } from 'faye';
import { redactText } from '../ports/redact.ts';

/** Bounds applied to every `advice` before faye or our timers read it. */
export interface AdviceBounds {
  /** Largest accepted `advice.timeout` (ms); larger values are lowered to it. */
  maxTimeoutMs: number;
  /**
   * Smallest non-zero `advice.timeout` (ms). faye times every request out after
   * 1.2 × the advised timeout, so `timeout: 1` would fail every handshake.
   */
  minTimeoutMs: number;
  /** Largest accepted `advice.interval` (ms); larger values are lowered to it. */
  maxIntervalMs: number;
}

/** Production advice bounds: a long poll of 0.5 s to 2 min (or 0), a 30 s reconnect interval at most. */
export const DEFAULT_ADVICE_BOUNDS: AdviceBounds = {
  maxTimeoutMs: 120_000,
  minTimeoutMs: 500,
  maxIntervalMs: 30_000,
};

/** Deepest message accepted; GWS events are a handful of levels deep. */
export const MAX_MESSAGE_DEPTH = 32;
/** Most messages accepted in one reply (a long poll batches events, but not thousands). */
export const MAX_MESSAGES_PER_REPLY = 1_000;

/** Bayeux channel grammar (Bayeux 1.0 §2.2, faye's protocol/grammar.js): names and wildcard patterns. */
const CHANNEL = /^(?:\/[A-Za-z0-9\-_!~()$@]+)+$|^(?:\/[A-Za-z0-9\-_!~()$@]+)*\/\*{1,2}$/;

const shortString = z.string().max(1_024);

const adviceSchema = z
  .object({
    reconnect: z.enum(['retry', 'handshake', 'none']).optional().catch(undefined),
    interval: z.number().optional().catch(undefined),
    timeout: z.number().optional().catch(undefined),
  })
  .loose();

const messageSchema = z
  .object({
    channel: z.string().max(256).regex(CHANNEL),
    id: shortString.optional(),
    clientId: shortString.optional(),
    successful: z.boolean().optional(),
    error: shortString.optional(),
    subscription: z.union([shortString, z.array(shortString).max(100)]).optional(),
    advice: adviceSchema.optional().catch(undefined),
    ext: z.record(z.string(), z.unknown()).optional().catch(undefined),
    supportedConnectionTypes: z.array(shortString).max(20).optional().catch(undefined),
  })
  .loose()
  .refine((m) => !m.channel.startsWith('/meta/') || typeof m.successful === 'boolean', {
    message: 'a /meta/ reply without "successful"',
  });

/** The outcome of screening one reply body. */
export interface ScreenResult {
  /** Messages safe to hand to faye, advice clamped. */
  messages: Message[];
  /** One short, redacted line per dropped message (or for the whole body). */
  rejected: string[];
  /** True when the body was not a Bayeux reply at all (no message survived, or not JSON messages). */
  notBayeux: boolean;
}

/**
 * Screens one parsed reply body (an array of messages, or one message). Never
 * throws, whatever `raw` is: depth and size are checked before anything walks it.
 */
export function screenReplies(raw: unknown, bounds: AdviceBounds = DEFAULT_ADVICE_BOUNDS): ScreenResult {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return { messages: [], rejected: ['an empty reply'], notBayeux: true };
  if (list.length > MAX_MESSAGES_PER_REPLY) {
    return { messages: [], rejected: [`a reply of ${list.length} messages`], notBayeux: true };
  }
  const messages: Message[] = [];
  const rejected: string[] = [];
  for (const item of list) {
    const message = screenMessage(item, bounds);
    if (typeof message === 'string') rejected.push(message);
    else messages.push(message);
  }
  return { messages, rejected, notBayeux: messages.length === 0 };
}

/** One message: the accepted message, or why it was dropped. */
function screenMessage(item: unknown, bounds: AdviceBounds): Message | string {
  // Cheap checks first: most hostile input fails here, without building a zod error.
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return `a non-message: ${describeValue(item)}`;
  }
  const name = (item as { channel?: unknown }).channel;
  if (typeof name !== 'string' || name.length > 256 || !CHANNEL.test(name)) {
    return `a message on an invalid channel: ${describeValue(name)}`;
  }
  if (exceedsDepth(item, MAX_MESSAGE_DEPTH))
    return `a message nested deeper than ${MAX_MESSAGE_DEPTH} levels`;
  const parsed = messageSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `an unreadable message (${where}${issue?.message ?? 'invalid'}): ${describeValue(item)}`;
  }
  const message = parsed.data as Message;
  if (message.advice) message.advice = clampAdvice(message.advice, bounds);
  if (message.advice === undefined) delete message.advice;
  if (message.ext === undefined) delete message.ext;
  return message;
}

/** Advice with every number finite, non-negative and within `bounds`; absent fields stay absent. */
export function clampAdvice(advice: NonNullable<Message['advice']>, bounds: AdviceBounds): Message['advice'] {
  const out: NonNullable<Message['advice']> = {};
  if (advice.reconnect !== undefined) out.reconnect = advice.reconnect;
  const clamp = (value: number | undefined, max: number): number | undefined =>
    typeof value !== 'number' || Number.isNaN(value) ? undefined : Math.min(Math.max(value, 0), max);
  const interval = clamp(advice.interval, bounds.maxIntervalMs);
  const asked = clamp(advice.timeout, bounds.maxTimeoutMs);
  const timeout = asked === undefined || asked === 0 ? asked : Math.max(asked, bounds.minTimeoutMs);
  if (interval !== undefined) out.interval = interval;
  if (timeout !== undefined) out.timeout = timeout;
  return out;
}

/**
 * True when `value` nests deeper than `max` levels. Iterative (an explicit
 * stack), so a 5,000-deep array costs a loop, not the call stack, and bounded
 * in the nodes it visits.
 */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    if (++visited > 1_000_000) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A short, depth-safe, redacted description of any value a server sent, for
 * an error message. Never recurses without bound (`String([[[...]]])` of a
 * 5,000-deep array overflows the stack; this does not) and never quotes a
 * cookie, token or `Authorization` value.
 */
export function describeValue(value: unknown, maxChars = 120): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.slice(0, maxChars));
  else if (value === null || typeof value !== 'object') text = String(value);
  else if (exceedsDepth(value, 8))
    text = Array.isArray(value) ? '[a deeply nested array]' : '{a deeply nested object}';
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = typeof value;
    }
  }
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return redactText(cut);
}
