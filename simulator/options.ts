/**
 * Every behaviour that ../shared/gws-api.md marks [I] or [gap] is a knob here, so
 * the client can be tested against each plausible real-server variant.
 */

import { z } from 'zod';

/** One demo agent: a user name, its password and its device's DN. */
export const agentSchema = z.object({
  userName: z.string().min(1),
  password: z.string(),
  dn: z.string().min(1),
  firstName: z.string().default('Demo'),
  lastName: z.string().default('Agent'),
});
export type AgentConfig = z.infer<typeof agentSchema>;

/** Default HTTP status for each GWS statusCode (gws-api.md §5.3, an [I] mapping). */
export const DEFAULT_HTTP_STATUS: Readonly<Record<number, number>> = {
  0: 200,
  1: 400,
  2: 400,
  3: 403,
  4: 500,
  5: 403,
  6: 404,
  7: 200,
  9: 500,
  10: 400,
  11: 400,
  12: 500,
  13: 500,
  14: 500,
  15: 500,
  16: 500,
  17: 500,
  18: 409,
  19: 409,
  20: 401,
};

export const DEFAULT_AGENTS: AgentConfig[] = [
  { userName: 'agent1', password: 'agent1', dn: '7001', firstName: 'Ada', lastName: 'Agent' },
  { userName: 'agent2', password: 'agent2', dn: '7002', firstName: 'Bo', lastName: 'Agent' },
  { userName: 'agent3', password: 'agent3', dn: '7003', firstName: 'Cy', lastName: 'Agent' },
];

/**
 * Simulator options. The same schema validates `startSimulator()` arguments and
 * the `--config file.json` of the CLI, so a bad knob is rejected with a message
 * naming the field instead of silently falling back.
 */
export const simulatorOptionsSchema = z
  .object({
    /** TCP port; 0 picks a free one (what tests use). */
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().default('127.0.0.1'),
    /** CSRF protection on POST/PUT/DELETE (gws-api.md §1.3). */
    csrf: z.boolean().default(true),
    /** Start recording when a call is answered/established. */
    autoRecord: z.boolean().default(true),
    /** '8.6' = participant objects; '8.5' = strings + participantsInfo. */
    participantsFormat: z.enum(['8.6', '8.5']).default('8.6'),
    /** 'uuid' = 32-char call UUID as id; 'connid' = 16-hex ConnID as id. */
    callIdStyle: z.enum(['uuid', 'connid']).default('uuid'),
    /** Whether recording operations stay in `capabilities` while a call is Held. */
    recordingOpsWhileHeld: z.boolean().default(false),
    /** Overrides of the statusCode → HTTP status mapping; keys are statusCodes. */
    httpStatus: z.record(z.string().regex(/^\d+$/), z.number().int().min(100).max(599)).default({}),
    /** Origin enforcement (gws-api.md §1.4 [gap]): 'off' or a list of allowed origins. */
    allowedOrigins: z.union([z.literal('off'), z.array(z.string())]).default('off'),
    /** Long-poll hold time of /meta/connect, in seconds (CometD's default is 30). */
    bayeuxTimeoutSec: z.number().positive().max(600).default(30),
    /**
     * `every`: advice on every /meta/connect reply (faye's habit); `first`: only on
     * the first successful reply of each client and on errors, as CometD servers do.
     */
    connectAdvice: z.enum(['every', 'first']).default('every'),
    /** Delay between a REST answer and the event it causes, in ms. */
    eventDelayMs: z.number().int().min(0).max(60_000).default(0),
    /** HTTP session idle timeout in seconds (gws-api.md §1.5 [gap]); 0 = sessions never time out. */
    sessionIdleTimeoutSec: z.number().min(0).max(86_400).default(0),
    /** How long the far end of an outbound `Dial` takes to answer, in ms. */
    dialAnswerMs: z.number().int().min(0).max(600_000).default(2_000),
    /** Largest accepted request body, in bytes. */
    maxBodyBytes: z.number().int().positive().default(1_000_000),
    /**
     * `handshake`: Bayeux requests are authenticated at handshake only (the clientId
     * then identifies the client); `every-request`: every Bayeux HTTP request needs a
     * live session cookie or Basic, else HTTP 401 `{"statusCode":20}` as an auth
     * filter in front of CometD would answer (gws-api.md §3.1 [I]).
     */
    bayeuxAuth: z.enum(['handshake', 'every-request']).default('handshake'),
    /** Accept the websocket transport on the Bayeux endpoint (long-polling is always on). */
    websocket: z.boolean().default(true),
    /**
     * CometD's acknowledgement extension: a handshake with `ext.ack: true` is
     * answered `ext.ack: true`, connect replies carry a batch number and the
     * client's acks are recorded (no resend: reconciling is the guarantee).
     */
    ackExtension: z.boolean().default(false),
    /**
     * The `/sim` control API (loopback only). Off: every `/sim` path is an ordinary
     * 404, as on a real GWS (the app's demo mode turns it off: nothing on the
     * machine can inject calls or faults into what an agent is shown).
     */
    controlApi: z.boolean().default(true),
    /** The scripted caller: rings agent1 every `demoIntervalMs` when it has no call. */
    demo: z.boolean().default(false),
    demoIntervalMs: z.number().int().min(500).default(8_000),
    /** `GET /api/v2/diagnostics/version` answer. */
    version: z.string().default('8.5.201.00-sim'),
    agents: z.array(agentSchema).min(1).default(DEFAULT_AGENTS),
  })
  .strict();

/** Options as callers write them (every field optional). */
export type SimulatorOptionsInput = z.input<typeof simulatorOptionsSchema>;
/** Options after defaults. */
export type SimulatorOptions = z.output<typeof simulatorOptionsSchema>;

/**
 * Parses options and throws an Error listing every bad field; never returns a
 * half-valid configuration.
 */
export function parseSimulatorOptions(input: unknown): SimulatorOptions {
  const result = simulatorOptionsSchema.safeParse(input ?? {});
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid simulator options: ${details}`);
  }
  return result.data;
}
