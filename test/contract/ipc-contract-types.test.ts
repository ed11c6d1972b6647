/**
 * What the compiler derives from the one IPC map, checked by `npm run
 * typecheck` (each `@ts-expect-error` below fails the typecheck if its line
 * ever compiles) and run as a test so the file is not dead weight.
 *
 * The promise of the map: adding a call is an entry in the map and a method
 * in the app service. A call without a handler in the service does not
 * compile, and neither does a push named like an invoke (or the reverse).
 */

import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineContract, invoke, push, type PortOf } from '../../contract/contract-kit.ts';
import {
  IPC_CONTRACT,
  type AppServicePort,
  type AppView,
  type CommandRequest,
  type CommandResultView,
  type GwsApi,
  type IpcContract,
  type Notice,
  type PushEvent,
  type SettingsPatch,
  type SettingsUpdateResult,
  type SettingsView,
  type SignInRequest,
  type SignInResult,
} from '../../contract/ipc-contract.ts';

/** A complete port, as the app service implements it (only its type is read). */
const port = {} as AppServicePort;

describe('types derived from the IPC map', () => {
  it('the window’s API: every call async, every push a subscription with its unsubscribe', () => {
    expectTypeOf<GwsApi['getState']>().returns.toEqualTypeOf<Promise<AppView>>();
    expectTypeOf<GwsApi['getState']>().parameters.toEqualTypeOf<[]>();
    expectTypeOf<GwsApi['command']>().parameters.toEqualTypeOf<[request: CommandRequest]>();
    expectTypeOf<GwsApi['command']>().returns.toEqualTypeOf<Promise<CommandResultView>>();
    expectTypeOf<GwsApi['signIn']>().parameters.toEqualTypeOf<[request: SignInRequest]>();
    expectTypeOf<GwsApi['signIn']>().returns.toEqualTypeOf<Promise<SignInResult>>();
    expectTypeOf<GwsApi['signOut']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<GwsApi['updateSettings']>().parameters.toEqualTypeOf<[request: SettingsPatch]>();
    expectTypeOf<GwsApi['updateSettings']>().returns.toEqualTypeOf<Promise<SettingsUpdateResult>>();
    expectTypeOf<GwsApi['onState']>().parameters.toEqualTypeOf<[listener: (payload: AppView) => void]>();
    expectTypeOf<GwsApi['onNotice']>().parameters.toEqualTypeOf<[listener: (payload: Notice) => void]>();
    expectTypeOf<GwsApi['onState']>().returns.toEqualTypeOf<() => void>();
    // Every entry of the map is on the API, and nothing else is.
    expectTypeOf<keyof GwsApi>().toEqualTypeOf<keyof IpcContract>();
  });

  it('the app-service port: the reads answer at once, the rest later; one subscription to every push', () => {
    expectTypeOf(port.getState).returns.toEqualTypeOf<AppView>();
    expectTypeOf(port.getSettings).returns.toEqualTypeOf<SettingsView>();
    expectTypeOf(port.command).returns.toEqualTypeOf<Promise<CommandResultView>>();
    expectTypeOf<PushEvent>().toEqualTypeOf<
      { type: 'state'; view: AppView } | { type: 'notice'; notice: Notice }
    >();
  });

  it('an app service without a handler for one call does not compile', () => {
    const { updateSettings: _left, ...withoutOne } = port;
    // @ts-expect-error updateSettings is missing
    const incomplete: AppServicePort = withoutOne;
    expectTypeOf(incomplete).toEqualTypeOf<AppServicePort>();
  });

  it('a new call in the map makes today’s app service fail to compile until it handles it', () => {
    const grown = defineContract({
      ...IPC_CONTRACT,
      exportAudit: invoke(z.string(), { request: z.object({ days: z.number() }).strict() }),
    });
    // @ts-expect-error exportAudit has no handler
    const stale: PortOf<typeof grown> = port;
    const handled: PortOf<typeof grown> = { ...port, exportAudit: async ({ days }) => `last ${days} days` };
    expectTypeOf(handled.exportAudit).parameters.toEqualTypeOf<[request: { days: number }]>();
    expectTypeOf(stale).not.toBeAny();
    expect(Object.keys(grown)).toContain('exportAudit');
  });

  it('push methods, and only they, are named on…; a push never carries its payload under `type`', () => {
    defineContract({
      // @ts-expect-error an invoke may not be named like a push
      onExport: invoke(z.string()),
    });
    defineContract({
      // @ts-expect-error a push must be named on + its event
      heartbeat: push('at', z.number()),
    });
    // @ts-expect-error `type` names the event
    push('type', z.number());
  });
});
