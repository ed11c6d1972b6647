/**
 * The `/sim` control API (loopback only): what a test, a trainer or a curl user
 * does to the contact centre from outside — calls arrive and end, faults are
 * armed, sessions die, the server restarts.
 */

import { z } from 'zod';
import { faultSchema } from '../domain/faults.ts';
import type { FaultBook } from '../domain/faults.ts';
import { safeDecode } from '../http/http-util.ts';
import { StatusCode } from '../protocol.ts';
import type { OperationResult } from '../domain/model.ts';
import type { World } from '../domain/world.ts';

export const createCallSchema = z
  .object({
    agent: z.string().min(1),
    from: z.string().regex(/^\+?[0-9]{3,20}$/, 'a phone number of 3 to 20 digits'),
    state: z.enum(['Ringing', 'Established']).default('Ringing'),
    recording: z.boolean().optional(),
    dnis: z.string().min(1).optional(),
    userData: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const expireSchema = z.object({ agent: z.string().min(1) }).strict();

export interface ControlDeps {
  world: World;
  faults: FaultBook;
  expireSessions: (agent: string) => number;
  restart: () => { sessions: number; bayeuxClients: number };
  describe: () => Record<string, unknown>;
}

export interface ControlRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

function invalid(error: z.ZodError): OperationResult {
  const details = error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  return { statusCode: StatusCode.ValidationError, statusMessage: details, events: [] };
}

const done = (body?: Record<string, unknown>): OperationResult =>
  body ? { statusCode: StatusCode.Ok, events: [], body } : { statusCode: StatusCode.Ok, events: [] };

/**
 * Runs one control request; `undefined` when no control route has that path
 * and method.
 */
export function handleControl(req: ControlRequest, deps: ControlDeps): OperationResult | undefined {
  const { method, path, body } = req;
  if (method === 'POST' && path === '/sim/calls') {
    const parsed = createCallSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    return deps.world.createCall({ ...parsed.data, from: parsed.data.from.replace(/^\+/, '') });
  }
  const release = /^\/sim\/calls\/([^/]+)\/release$/.exec(path);
  if (method === 'POST' && release) {
    const id = safeDecode(release[1] ?? '');
    if (id === undefined)
      return { statusCode: StatusCode.NotFound, statusMessage: 'Call not found', events: [] };
    return deps.world.remoteRelease(id);
  }
  if (path === '/sim/faults' && method === 'POST') {
    const parsed = faultSchema.safeParse(body);
    if (!parsed.success) {
      return {
        statusCode: StatusCode.ValidationError,
        statusMessage:
          'Unknown fault. Use one of {"operation","statusCode","httpStatus"?,"count"?}, {"dropEvents":n}, ' +
          '{"delayMs","count"?,"operation"?}, {"badBody":"html"|"json","count"?,"httpStatus"?,"scope"?}, ' +
          '{"bayeuxAdvice":"none"|"handshake"|"retry","count"?,"interval"?}',
        events: [],
      };
    }
    deps.faults.add(parsed.data);
    return done({ faults: deps.faults.describe() });
  }
  if (path === '/sim/faults' && method === 'DELETE') {
    deps.faults.clear();
    return done();
  }
  if (method === 'POST' && path === '/sim/sessions/expire') {
    const parsed = expireSchema.safeParse(body);
    if (!parsed.success) return invalid(parsed.error);
    if (!deps.world.agents.has(parsed.data.agent)) {
      return {
        statusCode: StatusCode.NotFound,
        statusMessage: `Agent ${parsed.data.agent} not found`,
        events: [],
      };
    }
    return done({ expired: deps.expireSessions(parsed.data.agent) });
  }
  if (method === 'POST' && path === '/sim/restart') return done({ dropped: deps.restart() });
  if (method === 'GET' && path === '/sim/state') return done(deps.describe());
  return undefined;
}
