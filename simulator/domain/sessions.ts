/**
 * GWS HTTP sessions (what a `JSESSIONID` cookie points at), each with its CSRF
 * token, an optional idle timeout on the simulator's clock, and invalidation
 * announced to listeners so the Bayeux layer drops the clients handshaken on a
 * dead session.
 */

import { newSessionId, newUuid } from './ids.ts';

/** One GWS HTTP session: what a `JSESSIONID` cookie points at. */
export interface HttpSession {
  readonly id: string;
  readonly agent: string;
  /** Per-session CSRF token; dies with the session (gws-api.md §1.3). */
  readonly csrfToken: string;
  readonly createdAt: number;
  /** Last request that used the session (for the idle timeout). */
  lastUsedAt: number;
}

/** HTTP sessions by id. */
export class SessionStore {
  private readonly sessions = new Map<string, HttpSession>();
  private readonly listeners: Array<(dead: HttpSession[]) => void> = [];

  /**
   * @param idleTimeoutMs sessions unused this long die on their next lookup; 0 = never.
   * @param now the simulator's clock, epoch milliseconds.
   */
  constructor(
    private readonly idleTimeoutMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  create(agent: string): HttpSession {
    const at = this.now();
    const session: HttpSession = {
      id: newSessionId(),
      agent,
      csrfToken: newUuid(),
      createdAt: at,
      lastUsedAt: at,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touching it; an idle-expired one dies here and is not returned. */
  get(id: string | undefined): HttpSession | undefined {
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session) return undefined;
    if (this.idleTimeoutMs > 0 && this.now() - session.lastUsedAt > this.idleTimeoutMs) {
      this.kill([session]);
      return undefined;
    }
    session.lastUsedAt = this.now();
    return session;
  }

  /** Calls `listener` with every batch of sessions that die. */
  onInvalidate(listener: (dead: HttpSession[]) => void): void {
    this.listeners.push(listener);
  }

  invalidate(id: string): void {
    this.kill([...this.sessions.values()].filter((s) => s.id === id));
  }

  /** Kills every session of one agent; returns how many died. */
  invalidateAgent(agent: string): number {
    return this.kill([...this.sessions.values()].filter((s) => s.agent === agent));
  }

  /** Kills every session (a server restart). */
  clear(): number {
    return this.kill([...this.sessions.values()]);
  }

  list(): HttpSession[] {
    return [...this.sessions.values()];
  }

  private kill(dead: HttpSession[]): number {
    for (const session of dead) this.sessions.delete(session.id);
    if (dead.length > 0) for (const listener of this.listeners) listener(dead);
    return dead.length;
  }
}
