/**
 * Ships the local audit log to the SIEM over syslog/TLS, at least once, in
 * order, nothing lost. The local log is the spool (read by {@link SpoolReader});
 * a durable cursor (shipping-cursor.ts) records what the SIEM has TAKEN.
 *
 * "Taken", as far as TCP lets a sender know without an application-level
 * acknowledgement (RFC 5425 has none): the entry's bytes were flushed to the
 * kernel on a connection that then stayed healthy for `settleMs` with nothing
 * of ours left queued in Node (a receiver that died or reset would have shown
 * it by then), or the connection was then closed cleanly by both sides (the
 * receiver read everything). Entries sent but not yet taken when a connection
 * fails — or when this process is killed — are sent again from the cursor, so
 * the SIEM may hold duplicates (verify --syslog tolerates them), never a gap.
 *
 * After an outage of minutes or days, or a restart, everything after the
 * cursor goes out in order, oldest first, in batches. Failures back off on the
 * injected clock (ports/backoff.ts); a new entry (`wake`) or a poll finds new
 * entries. The pause never waits on any of this: it runs beside the core.
 */

import { hostname } from 'node:os';
import type { AuditEntry } from '../compliance/audit-entry.ts';
import { backoffDelay, createWakeableSleep, type WakeableSleep } from '../ports/backoff.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { createEmitter, type Emitter } from '../ports/emitter.ts';
import { cursorFileOf, readCursor, writeCursor, type CursorPosition } from './shipping-cursor.ts';
import { SpoolReader } from './spool-reader.ts';
import { SyslogConnection, parseSyslogTarget, type SyslogTarget } from './syslog-connection.ts';
import {
  SYSLOG_DEFAULTS,
  formatSyslogMessage,
  frameOctetCounted,
  type SyslogIdentity,
} from './syslog-message.ts';

/** Options of {@link SyslogShipper}. */
export interface SyslogShipperOptions {
  /** The audit log's active file (its archives beside it are read too). */
  auditFile: string;
  /** `tls://HOST:PORT`, or `tcp://127.0.0.1:PORT` to a loopback relay. */
  target: string;
  /** An extra CA (PEM text) trusted besides the system roots. */
  ca?: string;
  /** The cursor file (default `<auditFile>.syslog-cursor.json`). */
  cursorFile?: string;
  /** Message identity: app name, SD name and enterprise number (IT-configurable), host name. */
  identity?: Partial<SyslogIdentity>;
  clock?: Clock;
  /** How long a flushed entry must stay on a healthy connection to count as taken (default 1 s). */
  settleMs?: number;
  /** Entries per write (default 1,000). */
  batchSize?: number;
  /** How often to look for new entries without a wake (default 1 s). */
  pollMs?: number;
  /** Back-off after a failure: base and cap (default 1 s, 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Connect / handshake timeout (default 10 s). */
  connectTimeoutMs?: number;
}

/** What the shipper is doing; pushed on every change of state. */
export interface ShipperStatus {
  state: 'connecting' | 'connected' | 'down' | 'stopped';
  /** Seq of the last entry the SIEM has taken (the cursor). */
  taken: number;
  /** Seq of the last entry written on the current connection. */
  sent: number;
  /** Epoch ms (clock time) since the SIEM has been unreachable, when it is. */
  downSince?: number;
  /** The last failure, in plain words. */
  error?: string;
}

interface Unsettled {
  seq: number;
  hash: string;
  sentAt: number;
}

/** The shipper; see the file comment. Call {@link SyslogShipper.start}, then {@link SyslogShipper.stop}. */
export class SyslogShipper {
  readonly #target: SyslogTarget;
  readonly #ca: string | undefined;
  readonly #cursorFile: string;
  readonly #identity: SyslogIdentity;
  readonly #clock: Clock;
  readonly #sleep: WakeableSleep;
  readonly #reader: SpoolReader;
  readonly #emitter: Emitter<ShipperStatus> = createEmitter<ShipperStatus>();
  readonly #o: Required<
    Pick<
      SyslogShipperOptions,
      'settleMs' | 'batchSize' | 'pollMs' | 'retryBaseMs' | 'retryMaxMs' | 'connectTimeoutMs'
    >
  >;
  #taken: CursorPosition;
  #sent: CursorPosition;
  #unsettled: Unsettled[] = [];
  #connection: SyslogConnection | undefined;
  #failures = 0;
  #status: ShipperStatus;
  #running: Promise<void> | undefined;
  #stopping = false;

  /** Validates the target and reads the cursor; throws a clear message on a bad one. */
  constructor(options: SyslogShipperOptions) {
    this.#target = parseSyslogTarget(options.target);
    this.#ca = options.ca;
    this.#cursorFile = options.cursorFile ?? cursorFileOf(options.auditFile);
    this.#identity = { ...SYSLOG_DEFAULTS, hostName: hostname(), ...options.identity };
    this.#clock = options.clock ?? systemClock;
    this.#sleep = createWakeableSleep(this.#clock);
    this.#reader = new SpoolReader(options.auditFile);
    this.#o = {
      settleMs: options.settleMs ?? 1_000,
      batchSize: options.batchSize ?? 1_000,
      pollMs: options.pollMs ?? 1_000,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      retryMaxMs: options.retryMaxMs ?? 60_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    };
    this.#taken = readCursor(this.#cursorFile);
    this.#sent = this.#taken;
    this.#status = { state: 'connecting', taken: this.#taken.seq, sent: this.#taken.seq };
  }

  /** The current status. */
  get status(): ShipperStatus {
    return this.#status;
  }

  /** Listens to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: ShipperStatus) => void): () => void {
    return this.#emitter.on(listener);
  }

  /** Starts shipping in the background (idempotent). */
  start(): void {
    this.#running ??= this.#run();
  }

  /** A new entry was written: ship now instead of at the next poll. */
  wake(): void {
    if (!this.#failures) this.#sleep.wake();
  }

  /**
   * Stops: ends the connection cleanly (what the receiver then confirms by
   * closing is taken), saves the cursor, releases the spool.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#sleep.wake();
    await this.#running;
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection && !connection.broken && (await connection.end(2_000))) {
      this.#promote(this.#unsettled.length);
    }
    this.#unsettled = [];
    this.#reader.close();
    this.#setStatus({ state: 'stopped' });
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        await this.#connectIfNeeded();
        const shipped = await this.#shipBatch();
        this.#settle();
        if (!shipped && !this.#stopping) {
          const wait =
            this.#unsettled.length > 0 ? Math.min(this.#o.settleMs, this.#o.pollMs) : this.#o.pollMs;
          await this.#sleep.sleep(wait);
        }
      } catch (error) {
        this.#fail(error as Error);
        if (!this.#stopping) {
          await this.#sleep.sleep(backoffDelay(this.#failures, this.#o.retryBaseMs, this.#o.retryMaxMs));
        }
      }
    }
  }

  async #connectIfNeeded(): Promise<void> {
    if (this.#connection?.broken) throw this.#connection.error as Error;
    if (this.#connection) return;
    this.#setStatus({ state: this.#status.state === 'down' ? 'down' : 'connecting' });
    const connection = await SyslogConnection.open(this.#target, this.#ca, this.#o.connectTimeoutMs);
    connection.onClose(() => this.#sleep.wake());
    this.#connection = connection;
    this.#failures = 0;
    this.#setStatus({ state: 'connected', downSince: undefined, error: undefined });
  }

  /** Sends the next batch after what was sent; false when there was nothing new. */
  async #shipBatch(): Promise<boolean> {
    const entries = this.#reader.read(this.#sent.seq, this.#o.batchSize);
    if (entries.length === 0) return false;
    const text = entries
      .map((entry) => frameOctetCounted(formatSyslogMessage(entry, this.#identity)))
      .join('');
    await (this.#connection as SyslogConnection).write(text);
    const sentAt = this.#clock.now();
    for (const entry of entries) this.#unsettled.push({ seq: entry.seq, hash: entry.hash, sentAt });
    const last = entries.at(-1) as AuditEntry;
    this.#sent = { seq: last.seq, hash: last.hash };
    this.#setStatus({ sent: last.seq });
    return true;
  }

  /** Promotes entries that stayed on a healthy connection for `settleMs` to taken. */
  #settle(): void {
    const connection = this.#connection;
    if (!connection || connection.broken || connection.queued > 0) return;
    const due = this.#clock.now() - this.#o.settleMs;
    let count = 0;
    while (count < this.#unsettled.length && (this.#unsettled[count] as Unsettled).sentAt <= due) count++;
    this.#promote(count);
  }

  #promote(count: number): void {
    if (count === 0) return;
    const last = this.#unsettled[count - 1] as Unsettled;
    this.#unsettled = this.#unsettled.slice(count);
    this.#taken = { seq: last.seq, hash: last.hash };
    writeCursor(this.#cursorFile, this.#taken);
    this.#setStatus({ taken: last.seq });
  }

  /** A failed connect or write: drop the connection and rewind to what was taken. */
  #fail(error: Error): void {
    this.#connection?.destroy();
    this.#connection = undefined;
    this.#unsettled = [];
    this.#sent = this.#taken;
    this.#failures += 1;
    this.#setStatus({
      state: 'down',
      sent: this.#taken.seq,
      downSince: this.#status.downSince ?? this.#clock.now(),
      error: error.message,
    });
  }

  #setStatus(change: Partial<ShipperStatus>): void {
    const next = { ...this.#status, ...change };
    for (const key of Object.keys(next) as (keyof ShipperStatus)[]) {
      if (next[key] === undefined) delete next[key];
    }
    this.#status = next;
    this.#emitter.emit(next);
  }
}
