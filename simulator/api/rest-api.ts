/**
 * The `/api/v2/...` routes (gws-api.md §0), after authentication, CSRF and body
 * checks have passed. Each handler returns a GWS result; the server turns it
 * into HTTP and publishes its events after the answer has gone out.
 */

import { describeValue } from '../domain/values.ts';
import { safeDecode } from '../http/http-util.ts';
import { StatusCode } from '../protocol.ts';
import type { HttpSession } from '../domain/sessions.ts';
import type { OperationResult } from '../domain/model.ts';
import type { World } from '../domain/world.ts';

export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  session: HttpSession;
}

/** A REST result plus an optional follow-up once the answer is sent. */
export type RestResult = OperationResult & { afterSend?: () => void };

export interface RestDeps {
  world: World;
  baseUrl: () => string;
  /** Ends the HTTP session (EndContactCenterSession, §1.5). */
  invalidateSession: (id: string) => void;
  /** Arms the far end's answer of an outbound call. */
  scheduleRemoteAnswer: (callId: string) => void;
}

/** `params` are the route's path parameters, already percent-decoded. */
type Handler = (req: RestRequest, params: string[], deps: RestDeps) => RestResult;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

const found = (body: Record<string, unknown>): RestResult => ({
  statusCode: StatusCode.Ok,
  events: [],
  body,
});
const notFound = (what: string): RestResult => ({
  statusCode: StatusCode.NotFound,
  statusMessage: `${what} not found`,
  events: [],
});

/**
 * `uris` by default, objects with `fields` (gws-api.md §5.1): `fields=*` keeps
 * every attribute, a comma list keeps those (and `id`).
 */
function collection(
  name: string,
  items: Record<string, unknown>[],
  uriOf: (item: Record<string, unknown>) => string,
  query: URLSearchParams,
): RestResult {
  const fields = query.get('fields');
  if (fields === null) return found({ uris: items.map(uriOf) });
  if (fields.trim() === '*') return found({ [name]: items });
  const wanted = new Set(['id', ...fields.split(',').map((f) => f.trim())]);
  return found({
    [name]: items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => wanted.has(key)))),
  });
}

function userStateOperation(world: World, agent: string, operationName: unknown): OperationResult {
  return world.setUserState(agent, operationName);
}

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/v2\/me$/,
    handler: (req, _m, { world }) => {
      const agent = world.agents.get(req.session.agent);
      if (!agent) return notFound('User');
      const sub = (req.query.get('subresources') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return found({ user: world.userSnapshot(agent, sub) });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/me$/,
    handler: (req, _m, deps) => {
      const op = req.body.operationName;
      const agent = req.session.agent;
      if (op === 'StartContactCenterSession') {
        return deps.world.startContactCenterSession(agent, req.body.channels ?? ['voice']);
      }
      if (op === 'EndContactCenterSession') {
        const result = deps.world.endContactCenterSession(agent);
        const sessionId = req.session.id;
        return { ...result, afterSend: () => deps.invalidateSession(sessionId) };
      }
      // A browser sample posts Ready here (gws-api.md §2.4 [S]); accepted as an alias.
      if (op === 'Ready' || op === 'NotReady') return userStateOperation(deps.world, agent, op);
      if (op === undefined) {
        return {
          statusCode: StatusCode.MissingParameter,
          statusMessage: 'Missing required parameter: operationName',
          events: [],
        };
      }
      return {
        statusCode: StatusCode.ValidationError,
        statusMessage: `Unknown operationName ${describeValue(op)}`,
        events: [],
      };
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/me\/channels\/([^/]+)$/,
    handler: (req, m, { world }) =>
      m[0] === 'voice'
        ? userStateOperation(world, req.session.agent, req.body.operationName)
        : notFound(`Channel ${m[0] ?? ''}`),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/me\/devices$/,
    handler: (req, _m, { world, baseUrl }) => {
      const agent = world.agents.get(req.session.agent);
      if (!agent) return notFound('User');
      return collection(
        'devices',
        [world.deviceSnapshot(agent)],
        (d) => `${baseUrl()}/api/v2/devices/${String(d.id)}`,
        req.query,
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/me\/devices\/([^/]+)$/,
    handler: (req, m, { world }) => {
      const agent = world.agents.get(req.session.agent);
      if (!agent || agent.device.id !== m[0]) return notFound(`Device ${m[0] ?? ''}`);
      return found({ device: world.deviceSnapshot(agent) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/me\/channels$/,
    handler: (req, _m, { world, baseUrl }) => {
      const agent = world.agents.get(req.session.agent);
      if (!agent) return notFound('User');
      return collection(
        'channels',
        world.channelSnapshots(agent),
        (c) => `${baseUrl()}/api/v2/me/channels/${String(c.channel)}`,
        req.query,
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/me\/calls$/,
    handler: (req, _m, { world }) =>
      collection(
        'calls',
        world.callsOf(req.session.agent).map((call) => world.callSnapshot(call)),
        (c) => String(c.uri),
        req.query,
      ),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v2\/me\/calls\/([^/]+)$/,
    handler: (req, m, { world }) => {
      const call = world.calls.get(m[0] ?? '');
      if (!call || call.agent !== req.session.agent) return notFound(`Call ${m[0] ?? ''}`);
      return found({ call: world.callSnapshot(call) });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/me\/calls\/([^/]+)$/,
    handler: (req, m, { world }) => world.callOperation(req.session.agent, m[0] ?? '', req.body),
  },
  {
    method: 'POST',
    pattern: /^\/api\/v2\/me\/devices\/([^/]+)\/calls$/,
    handler: (req, m, deps) => {
      const result = deps.world.dial(req.session.agent, m[0] ?? '', req.body);
      const id = result.body?.id;
      // The answer to Dial is `{"statusCode":0}`; the call id arrives in the event.
      if (result.statusCode !== StatusCode.Ok || typeof id !== 'string') return result;
      return {
        statusCode: StatusCode.Ok,
        events: result.events,
        afterSend: () => deps.scheduleRemoteAnswer(id),
      };
    },
  },
];

/** Outcome of matching a path: a handler, a wrong method, or nothing. */
export type RouteMatch =
  | { kind: 'handler'; run: (req: RestRequest, deps: RestDeps) => RestResult }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

export function matchRestRoute(method: string, path: string): RouteMatch {
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    const params = match.slice(1).map(safeDecode);
    // A malformed escape cannot name an existing resource.
    if (params.some((p) => p === undefined)) return { kind: 'not-found' };
    return { kind: 'handler', run: (req, deps) => route.handler(req, params as string[], deps) };
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
