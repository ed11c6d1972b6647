/**
 * Sockets upgraded to websocket, with the HTTP session they were opened on.
 * They are no longer the HTTP server's, so the simulator closes them itself:
 * when their session dies, on restart, and on close (or `close()` would hang).
 */

import type { Duplex } from 'node:stream';

export class WebsocketRegistry {
  private readonly sockets = new Map<Duplex, string | undefined>();

  /** Tracks `socket` until it closes. */
  add(socket: Duplex, sessionId: string | undefined): void {
    this.sockets.set(socket, sessionId);
    socket.once('close', () => this.sockets.delete(socket));
  }

  /** Destroys every tracked socket whose session id satisfies `which`. */
  close(which: (sessionId: string | undefined) => boolean): void {
    for (const [socket, sessionId] of this.sockets) {
      if (!which(sessionId)) continue;
      this.sockets.delete(socket);
      socket.destroy();
    }
  }

  /** Destroys the sockets opened on any of these sessions. */
  closeSessions(ids: ReadonlySet<string>): void {
    this.close((sessionId) => sessionId !== undefined && ids.has(sessionId));
  }
}
