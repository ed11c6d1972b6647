import { IpcChannel, type INVOKE_CHANNELS } from '../../../contract/ipc-channels.ts';
import type { AppServicePort } from '../../../contract/ipc-contract.ts';

/** An invoke channel of the contract. */
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/**
 * Routes one invoke of the contract to the app service. Shared by the two
 * transports of the same API — Electron IPC (main/electron/ipc-adapter.ts) and
 * browser mode's WebSocket (main/web/ws-dispatch.ts) — so both call the
 * service the same way. `payload` must already be parsed with the channel's
 * schema in `INVOKE_REQUEST_SCHEMAS`: each transport checks its sender first.
 */
export function invokeService(service: AppServicePort, channel: InvokeChannel, payload: unknown): unknown {
  switch (channel) {
    case IpcChannel.GetState:
      return service.getState();
    case IpcChannel.Command:
      return service.command(payload as Parameters<AppServicePort['command']>[0]);
    case IpcChannel.SignIn:
      return service.signIn(payload as Parameters<AppServicePort['signIn']>[0]);
    case IpcChannel.StartDemo:
      return service.startDemo();
    case IpcChannel.SignOut:
      return service.signOut();
    case IpcChannel.GetSettings:
      return service.getSettings();
    case IpcChannel.UpdateSettings:
      return service.updateSettings(payload as Parameters<AppServicePort['updateSettings']>[0]);
  }
}
