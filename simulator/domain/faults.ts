/**
 * Fault injection for `POST /sim/faults`. Each fault is armed with a count and
 * consumed by the requests or events it hits, so a test states exactly how much
 * breakage it wants and the simulator heals by itself afterwards.
 */

import { z } from 'zod';

const count = z.number().int().min(1).max(1_000_000);

export const operationFaultSchema = z
  .object({
    operation: z.string().min(1),
    statusCode: z.number().int().min(1).max(99),
    httpStatus: z.number().int().min(100).max(599).optional(),
    statusMessage: z.string().optional(),
    count: count.default(1),
  })
  .strict();

export const dropEventsFaultSchema = z.object({ dropEvents: count }).strict();

export const delayFaultSchema = z
  .object({
    delayMs: z.number().int().min(1).max(120_000),
    count: count.default(1),
    /** Only requests naming this operationName; every /api/v2 request when absent. */
    operation: z.string().optional(),
  })
  .strict();

export const badBodyFaultSchema = z
  .object({
    /** `html`: a login/proxy page; `json`: GWS's own `{"statusCode":20,...}` where a Bayeux reply is expected. */
    badBody: z.enum(['html', 'json']),
    count: count.default(1),
    /** HTTP status of the HTML answer; 200 (a login page from a proxy) when absent. */
    httpStatus: z.number().int().min(100).max(599).optional(),
    /** `rest` (default): /api/v2 REST calls; `bayeux`: the notifications endpoint; `any`: both. */
    scope: z.enum(['rest', 'bayeux', 'any']).default('rest'),
  })
  .strict();

export const bayeuxAdviceFaultSchema = z
  .object({
    bayeuxAdvice: z.enum(['none', 'handshake', 'retry']),
    /** How many /meta/connect replies carry it; until `DELETE /sim/faults` when absent. */
    count: count.optional(),
    /** Advised poll interval in ms, to reproduce `interval:0` storms. */
    interval: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();

export const faultSchema = z.union([
  operationFaultSchema,
  dropEventsFaultSchema,
  delayFaultSchema,
  badBodyFaultSchema,
  bayeuxAdviceFaultSchema,
]);
export type FaultInput = z.input<typeof faultSchema>;

type OperationFault = z.output<typeof operationFaultSchema>;
type DelayFault = z.output<typeof delayFaultSchema>;
type BadBodyFault = z.output<typeof badBodyFaultSchema>;
type AdviceFault = z.output<typeof bayeuxAdviceFaultSchema>;

export class FaultBook {
  private operations: OperationFault[] = [];
  private delays: DelayFault[] = [];
  private badBodies: BadBodyFault[] = [];
  private advice: AdviceFault | undefined;
  private droppedEventsLeft = 0;

  /** Arms a parsed fault. */
  add(fault: z.output<typeof faultSchema>): void {
    if ('operation' in fault && 'statusCode' in fault) this.operations.push({ ...fault });
    else if ('dropEvents' in fault) this.droppedEventsLeft += fault.dropEvents;
    else if ('delayMs' in fault) this.delays.push({ ...fault });
    else if ('badBody' in fault) this.badBodies.push({ ...fault });
    else if ('bayeuxAdvice' in fault) this.advice = { ...fault };
  }

  clear(): void {
    this.operations = [];
    this.delays = [];
    this.badBodies = [];
    this.advice = undefined;
    this.droppedEventsLeft = 0;
  }

  /** Consumes an operation fault for `operationName`, if one is armed. */
  takeOperation(operationName: unknown): OperationFault | undefined {
    const fault = this.operations.find((f) => f.operation === operationName);
    if (fault && --fault.count === 0) this.operations = this.operations.filter((f) => f !== fault);
    return fault;
  }

  /** Consumes a delay for a request (optionally naming an operation). */
  takeDelay(operationName: unknown): number {
    const fault = this.delays.find((f) => f.operation === undefined || f.operation === operationName);
    if (!fault) return 0;
    if (--fault.count === 0) this.delays = this.delays.filter((f) => f !== fault);
    return fault.delayMs;
  }

  /** Consumes an HTML-body fault for a request of the given scope. */
  takeBadBody(scope: 'rest' | 'bayeux'): BadBodyFault | undefined {
    const fault = this.badBodies.find((f) => f.scope === 'any' || f.scope === scope);
    if (fault && --fault.count === 0) this.badBodies = this.badBodies.filter((f) => f !== fault);
    return fault;
  }

  /** True when the next event must be dropped (consumes one). */
  takeDropEvent(): boolean {
    if (this.droppedEventsLeft === 0) return false;
    this.droppedEventsLeft -= 1;
    return true;
  }

  /** Consumes the advice override for one /meta/connect reply. */
  takeAdvice(): { reconnect: string; interval?: number } | undefined {
    const fault = this.advice;
    if (!fault) return undefined;
    if (fault.count !== undefined && --fault.count === 0) this.advice = undefined;
    return fault.interval === undefined
      ? { reconnect: fault.bayeuxAdvice }
      : { reconnect: fault.bayeuxAdvice, interval: fault.interval };
  }

  describe(): Record<string, unknown> {
    return {
      operations: this.operations,
      delays: this.delays,
      badBodies: this.badBodies,
      bayeuxAdvice: this.advice ?? null,
      dropEvents: this.droppedEventsLeft,
    };
  }
}
