/**
 * The native host's end of the per-user socket: connect only after checking that the directory and the socket
 * file belong to this user and are private (a socket planted by another user on a shared host must never get
 * our pause requests, nor feed our page a fake "paused").
 */

import type { Socket } from 'node:net';
import { createConnection } from 'node:net';
import type { SocketLocation } from './socket-path.ts';
import { checkSocketFile, currentUid } from './socket-path.ts';

/** Connects to the app of this user; rejects when the socket is unsafe, missing or nobody answers. */
export function connectToApp(
  location: SocketLocation,
  uid: number | undefined = currentUid(),
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (location.kind === 'unix') {
      try {
        if (uid === undefined) throw new Error('no uid on this platform for a Unix socket');
        checkSocketFile(location, uid);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
    const socket = createConnection(location.path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
