/**
 * The main-process end of the IPC contract: `ipcMain.handle` for each invoke
 * method of the map in `contract/ipc-contract.ts` (on its channel, `getState`
 * → `gws:get-state`), routed to the one {@link AppServicePort} by the shared
 * router, and every push event to our window only.
 *
 * Every invoke is checked before anything else:
 * 1. the sender is our window's webContents, from its top frame (not an
 *    iframe, not a frame that is gone), at our page's URL — anything else is
 *    refused with an error and logged; the service is not called;
 * 2. the payload is parsed with the channel's zod schema (`.strict()`: extra
 *    keys are refused); an invalid one gets the contract's `invalid-input` /
 *    `invalid` answer where the contract has one (command, sign-in, settings),
 *    else the invoke rejects; either way the service is not called.
 */

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokeChannel, pushChannel, pushPayload } from '../../contract/ipc-channels.ts';
import {
  INVOKE_METHODS,
  type AppServicePort,
  type InvokeMethod,
  type PushEvent,
} from '../../contract/ipc-contract.ts';
import { callService, parseRequest, refusalAnswer } from '../app/services/invoke-service.ts';
import type { LoggerPort } from '../app/ports/app-ports.ts';

/** Options of {@link registerIpc}. */
export interface IpcAdapterOptions {
  service: AppServicePort;
  /** Our window's webContents, while it exists. */
  contents: () => WebContents | undefined;
  /** The URL our page is loaded from: `file://…/out/renderer/index.html`, or the dev server's URL. */
  pageUrl: string;
  logger: LoggerPort;
}

/** Thrown to the renderer (as a rejected invoke) when the sender is not our page. */
export const REFUSED_SENDER = 'refused: the sender is not the app window';

/** Scheme + host + path of `url` (query and fragment ignored), or undefined if it is not a URL. */
function pageOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * True when `event` comes from our page: our webContents, its top frame, and
 * the frame's URL is our page (for a dev server URL: its origin).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ours: WebContents | undefined,
  pageUrl: string,
): boolean {
  if (!ours || event.sender !== ours) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const expected = new URL(pageUrl);
  if (expected.protocol === 'file:') return pageOf(frame.url) === pageOf(pageUrl);
  try {
    return new URL(frame.url).origin === expected.origin;
  } catch {
    return false;
  }
}

/** Refuses an invoke whose sender is not our page (logged; the service is not called). */
function checkSender(options: IpcAdapterOptions, channel: string, event: IpcMainInvokeEvent): void {
  if (isTrustedSender(event, options.contents(), options.pageUrl)) return;
  options.logger.warn('IPC from an unexpected sender refused', {
    channel,
    url: String(event.senderFrame?.url ?? '').slice(0, 200),
  });
  throw new Error(REFUSED_SENDER);
}

/**
 * One invoke from a trusted sender: parsed with the call's schema, then the
 * service; an invalid payload gets the call's own failure answer where the
 * contract has one, else the invoke rejects.
 */
function handleInvoke(options: IpcAdapterOptions, method: InvokeMethod, args: unknown[]): unknown {
  const { service, logger } = options;
  const channel = invokeChannel(method);
  const request = parseRequest(method, args);
  if (request.ok) return callService(service, method, request.args);
  if (request.reason === 'unexpected-payload') {
    logger.warn('IPC payload refused', { channel, issues: 1 });
    throw new Error('Invalid request: this call takes no arguments');
  }
  const message = `Invalid request: ${request.issues
    .map((issue) => `${issue.path || 'request'}: ${issue.message}`)
    .join('; ')}`;
  logger.warn('IPC payload refused', { channel, issues: request.issues.length });
  const refusal = refusalAnswer(service, method, message);
  if (refusal) return refusal.answer;
  throw new Error(message);
}

/** Sends one push to our window, on the event's channel, with its payload only. */
function sendPush(options: IpcAdapterOptions, event: PushEvent): void {
  const contents = options.contents();
  if (!contents || contents.isDestroyed()) return;
  contents.send(pushChannel(event.type), pushPayload(event));
}

/** Registers the handlers and the pushes; returns the function that removes them. */
export function registerIpc(options: IpcAdapterOptions): () => void {
  for (const method of INVOKE_METHODS) {
    const channel = invokeChannel(method);
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      checkSender(options, channel, event);
      return handleInvoke(options, method, args);
    });
  }
  const unsubscribe = options.service.subscribe((event) => sendPush(options, event));
  return () => {
    unsubscribe();
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}
