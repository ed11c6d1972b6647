import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  INVOKE_CHANNELS,
  INVOKE_REQUEST_SCHEMAS,
  IpcChannel,
  type AppServicePort,
  type SettingsUpdateResult,
} from '../../contract/ipc-contract.ts';
import { invokeService } from '../app/services/invoke-service.ts';
import type { LoggerPort } from '../app/ports/app-ports.ts';

/**
 * The main-process end of the IPC contract: `ipcMain.handle` for each invoke
 * channel of `contract/ipc-contract.ts`, forwarding to the one
 * {@link AppServicePort}, and the State/Notice pushes to our window only.
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

type Channel = (typeof INVOKE_CHANNELS)[number];

/** Answer for an invalid payload, per channel, in the contract's own failure shapes. */
function invalidAnswer(channel: Channel, message: string, service: AppServicePort): unknown {
  switch (channel) {
    case IpcChannel.Command:
      return { ok: false, code: 'invalid-input', reason: message };
    case IpcChannel.SignIn:
      return { ok: false, code: 'invalid-input', message };
    case IpcChannel.UpdateSettings:
      return {
        ok: false,
        code: 'invalid',
        message,
        settings: service.getSettings(),
      } satisfies SettingsUpdateResult;
    default:
      throw new Error(message);
  }
}

/** Registers the handlers and the pushes; returns the function that removes them. */
export function registerIpc(options: IpcAdapterOptions): () => void {
  const { service, logger } = options;
  for (const channel of INVOKE_CHANNELS) {
    const schema = INVOKE_REQUEST_SCHEMAS[channel];
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, options.contents(), options.pageUrl)) {
        logger.warn('IPC from an unexpected sender refused', {
          channel,
          url: String(event.senderFrame?.url ?? '').slice(0, 200),
        });
        throw new Error(REFUSED_SENDER);
      }
      let payload: unknown;
      if (schema) {
        const parsed = schema.safeParse(args[0]);
        if (!parsed.success) {
          const message = `Invalid request: ${parsed.error.issues
            .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
            .join('; ')}`;
          logger.warn('IPC payload refused', { channel, issues: parsed.error.issues.length });
          return invalidAnswer(channel, message, service);
        }
        payload = parsed.data;
      } else if (args.length > 0 && args[0] !== undefined) {
        // No failure shape in the contract for these: the invoke rejects.
        logger.warn('IPC payload refused', { channel, issues: 1 });
        throw new Error('Invalid request: this call takes no arguments');
      }
      return invokeService(service, channel, payload);
    });
  }
  const unsubscribe = service.subscribe((event) => {
    const contents = options.contents();
    if (!contents || contents.isDestroyed()) return;
    if (event.type === 'state') contents.send(IpcChannel.State, event.view);
    else contents.send(IpcChannel.Notice, event.notice);
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
