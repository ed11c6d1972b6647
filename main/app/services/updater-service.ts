/**
 * Drives an {@link UpdaterPort} (electron-updater behind the Electron adapter;
 * a fake in tests): checks on the injected clock, downloads a found update in
 * the background (the port resolves only once the artefact's sha512 matched
 * the feed), and installs it only when {@link installDecision} allows — at quit
 * or when the agent accepts at an idle moment, never mid-call, never while
 * anything is paused.
 *
 * Every failure (tampered artefact, unreachable or slow server, bad feed) is
 * written to the support log once and shown in {@link UpdateView.problem};
 * nothing throws at the caller, one check runs at a time, the next waits for
 * the back-off, and a version refused as tampered is not fetched again in this
 * run: a broken server never makes the app loop.
 */

import type { Clock, TimerHandle } from '../../core/ports/clock.ts';
import { createEmitter } from '../../core/ports/emitter.ts';
import type { Logger } from '../../core/ports/logging.ts';
import {
  installDecision,
  nextCheckDelay,
  type InstallDecision,
  type InstallGate,
} from '../policies/update-policy.ts';

/** An update the feed offers this machine (newer, inside the rollout). */
export interface UpdateOffer {
  version: string;
}

/** Why a check or download failed, in words an administrator can act on. */
export type UpdateFailureCode = 'tampered' | 'unreachable' | 'slow' | 'bad-feed' | 'failed';

/** A failure of the port, classified by the adapter. */
export class UpdateFailure extends Error {
  constructor(
    readonly code: UpdateFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateFailure';
  }
}

/** What the service needs of an updater. */
export interface UpdaterPort {
  /** Asks the feed; `undefined` = nothing newer for this machine. Rejects with {@link UpdateFailure}. */
  check(): Promise<UpdateOffer | undefined>;
  /** Downloads the offered update; resolves only after its sha512 matched the feed. */
  download(): Promise<void>;
  /** Whether a downloaded update is installed when the app quits. */
  setInstallOnQuit(allowed: boolean): void;
  /** Quits the app and installs the downloaded update. */
  installNow(): void;
  dispose(): void;
}

/** The updater as the window and the settings screen show it. */
export interface UpdateView {
  /** The running version. */
  version: string;
  state: 'checking' | 'idle' | 'downloading' | 'ready' | 'deferred' | 'failed';
  /** The version found (downloading), ready or deferred. */
  available?: string;
  /** Why an install waits, while `deferred`. */
  deferredBy?: 'paused' | 'call-live' | 'state-unknown';
  /** The last failure, until a check succeeds. */
  problem?: { code: UpdateFailureCode; message: string };
}

/** Options of {@link createUpdaterService}. */
export interface UpdaterServiceOptions {
  port: UpdaterPort;
  clock: Clock;
  logger: Logger;
  currentVersion: string;
  checkEveryMs: number;
  /** Delay before the first check (start-up is busy enough). */
  firstCheckMs?: number;
  /** A check that has not answered by then is reported `slow` (the late answer is ignored). */
  checkTimeoutMs?: number;
  /** A download that has not finished by then is reported `slow`. */
  downloadTimeoutMs?: number;
}

/** The running updater service. */
export interface UpdaterService {
  /** Schedules the first check. */
  start(): void;
  /** Checks now (unless one runs); resolves when the check and any download settle. */
  checkNow(): Promise<void>;
  /** The app's state changed: re-decides whether a ready update may install at quit. */
  gateChanged(gate: InstallGate): void;
  /** The agent accepts an install now: done only when idle; says why not otherwise. */
  installNow(): InstallDecision | { allowed: false; reason: 'nothing-ready' };
  view(): UpdateView;
  onChange(listener: (view: UpdateView) => void): () => void;
  stop(): void;
}

/** Races `work` against `ms` of the clock; a late settle is dropped. */
function withDeadline<T>(clock: Clock, work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(
      () => reject(new UpdateFailure('slow', `The update server did not answer the ${what} in time.`)),
      ms,
    );
    work.then(
      (value) => {
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The failure as the view shows it. */
function asProblem(error: unknown): { code: UpdateFailureCode; message: string } {
  if (error instanceof UpdateFailure) return { code: error.code, message: error.message };
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/** The state the service keeps between checks, and how it tells the world. */
interface UpdaterContext {
  readonly options: UpdaterServiceOptions;
  view: UpdateView;
  failures: number;
  gate: InstallGate;
  /** Versions refused as tampered in this run: never fetched again. */
  readonly refused: Set<string>;
  publish(view: UpdateView): void;
}

const holdsUpdate = (view: UpdateView): boolean => view.state === 'ready' || view.state === 'deferred';

/** Re-decides whether a held update may install at quit, and says when that changes. */
function applyGate(ctx: UpdaterContext): void {
  if (!holdsUpdate(ctx.view)) return;
  const decision = installDecision(ctx.gate);
  ctx.options.port.setInstallOnQuit(decision.allowed);
  const version = ctx.view.available;
  if (decision.allowed) {
    if (ctx.view.state === 'deferred') {
      ctx.options.logger.info('update ready: installs at quit', { version });
      ctx.publish({ ...ctx.view, state: 'ready', deferredBy: undefined });
    }
    return;
  }
  if (ctx.view.state === 'deferred' && ctx.view.deferredBy === decision.reason) return;
  ctx.options.logger.info('update deferred', { version, reason: decision.reason });
  ctx.publish({ ...ctx.view, state: 'deferred', deferredBy: decision.reason });
}

/** Logs and shows a failed check or download. */
function fail(ctx: UpdaterContext, error: unknown, version?: string): void {
  const problem = asProblem(error);
  ctx.failures += 1;
  if (problem.code === 'tampered' && version) ctx.refused.add(version);
  ctx.options.logger.warn(problem.code === 'tampered' ? 'update refused' : 'update check failed', {
    code: problem.code,
    version,
    reason: problem.message,
  });
  ctx.publish({ version: ctx.options.currentVersion, state: 'failed', problem });
}

/** One check and, when something is offered, its download; never throws. */
async function runCheck(ctx: UpdaterContext): Promise<void> {
  const { port, clock, logger, currentVersion } = ctx.options;
  ctx.publish({ ...ctx.view, state: 'checking' });
  let offer: UpdateOffer | undefined;
  try {
    offer = await withDeadline(clock, port.check(), ctx.options.checkTimeoutMs ?? 60_000, 'check');
  } catch (error) {
    fail(ctx, error);
    return;
  }
  if (!offer || ctx.refused.has(offer.version)) {
    ctx.failures = 0;
    if (offer) logger.info('update skipped: refused earlier in this run', { version: offer.version });
    ctx.publish({ version: currentVersion, state: 'idle' });
    return;
  }
  logger.info('update found', { version: offer.version });
  ctx.publish({ version: currentVersion, state: 'downloading', available: offer.version });
  try {
    await withDeadline(clock, port.download(), ctx.options.downloadTimeoutMs ?? 30 * 60_000, 'download');
  } catch (error) {
    fail(ctx, error, offer.version);
    return;
  }
  ctx.failures = 0;
  logger.info('update downloaded and verified (sha512)', { version: offer.version });
  ctx.publish({ version: currentVersion, state: 'ready', available: offer.version });
  applyGate(ctx);
}

/** Creates the service; nothing runs before {@link UpdaterService.start} or `checkNow`. */
export function createUpdaterService(options: UpdaterServiceOptions): UpdaterService {
  const { port, clock, logger } = options;
  const changes = createEmitter<UpdateView>();
  const ctx: UpdaterContext = {
    options,
    view: { version: options.currentVersion, state: 'idle' },
    failures: 0,
    gate: { status: 'signed-out', calls: [], otherPausedCallIds: [] },
    refused: new Set(),
    publish(view) {
      ctx.view = view;
      changes.emit({ ...view });
    },
  };
  let inFlight: Promise<void> | undefined;
  let timer: TimerHandle | undefined;
  let stopped = false;
  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void checkNow(), ms);
  };
  const checkNow = (): Promise<void> => {
    if (stopped || holdsUpdate(ctx.view)) return Promise.resolve();
    inFlight ??= runCheck(ctx).finally(() => {
      inFlight = undefined;
      if (!holdsUpdate(ctx.view)) schedule(nextCheckDelay(options.checkEveryMs, ctx.failures));
    });
    return inFlight;
  };
  return {
    start: () => schedule(options.firstCheckMs ?? 60_000),
    checkNow,
    gateChanged(gate) {
      ctx.gate = gate;
      applyGate(ctx);
    },
    installNow() {
      if (!holdsUpdate(ctx.view)) return { allowed: false, reason: 'nothing-ready' };
      const decision = installDecision(ctx.gate);
      if (!decision.allowed) {
        applyGate(ctx);
        return decision;
      }
      logger.info('update installing now', { version: ctx.view.available });
      port.installNow();
      return decision;
    },
    view: () => ({ ...ctx.view }),
    onChange: (listener) => changes.on(listener),
    stop() {
      stopped = true;
      if (timer) clock.clearTimeout(timer);
      port.dispose();
    },
  };
}
