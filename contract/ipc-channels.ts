/**
 * The IPC channel names of the contract (contract/ipc-contract.ts), in a
 * file of their own without zod: the sandboxed preload needs only these
 * strings, and importing the schemas would bundle zod into it (182 KB).
 */

/** IPC channel names. `invoke` channels return a value; `push` channels go main → window. */
export const IpcChannel = {
  GetState: 'gws:get-state',
  Command: 'gws:command',
  SignIn: 'gws:sign-in',
  StartDemo: 'gws:start-demo',
  SignOut: 'gws:sign-out',
  GetSettings: 'gws:get-settings',
  UpdateSettings: 'gws:update-settings',
  /** push: the whole {@link AppView}, on every change. */
  State: 'gws:state',
  /** push: one {@link Notice}. */
  Notice: 'gws:notice',
} as const;

/** Channels the window may invoke (main validates sender and payload on each). */
export const INVOKE_CHANNELS = [
  IpcChannel.GetState,
  IpcChannel.Command,
  IpcChannel.SignIn,
  IpcChannel.StartDemo,
  IpcChannel.SignOut,
  IpcChannel.GetSettings,
  IpcChannel.UpdateSettings,
] as const;

/** Channels main pushes to the window. */
export const PUSH_CHANNELS = [IpcChannel.State, IpcChannel.Notice] as const;
