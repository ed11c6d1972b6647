/**
 * The per-user socket: only a private directory of this uid is used (another user's directory, loose
 * permissions or a symlink are refused by both ends), the server passes on exactly the protocol's messages and
 * closes a connection that sends anything else, and a stale socket of a crashed app is replaced while a live
 * one is not taken over.
 */

import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { Socket } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionToApp } from '../../../contract/extension-protocol.ts';
import { connectToApp } from '../../../main/native-host/socket-client.ts';
import type { SocketLocation } from '../../../main/native-host/socket-path.ts';
import {
  checkPrivateDir,
  UnsafeSocketError,
  userSocketLocation,
} from '../../../main/native-host/socket-path.ts';
import type { HostConnection } from '../../../main/native-host/socket-server.ts';
import { startExtensionSocketServer } from '../../../main/native-host/socket-server.ts';
import { waitFor } from '../helpers/wait-for.ts';

const uid = process.getuid?.() ?? 0;
let tmp: string;
const unixAt = (runtime: string): Extract<SocketLocation, { kind: 'unix' }> => {
  const location = userSocketLocation({
    platform: 'linux',
    env: { XDG_RUNTIME_DIR: runtime },
    home: tmp,
    userName: 'a',
  });
  if (location.kind !== 'unix') throw new Error('expected a unix location');
  return location;
};

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gsp-sock-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('socket location', () => {
  it('is per user: XDG_RUNTIME_DIR, else the config dir; a pipe named after the user on Windows', () => {
    expect(
      userSocketLocation({
        platform: 'linux',
        env: { XDG_RUNTIME_DIR: '/run/user/1000' },
        home: '/home/a',
        userName: 'a',
      }).path,
    ).toBe('/run/user/1000/gws-secure-pause/app.sock');
    expect(userSocketLocation({ platform: 'linux', env: {}, home: '/home/a', userName: 'a' }).path).toBe(
      '/home/a/.config/gws-secure-pause/app.sock',
    );
    expect(
      userSocketLocation({ platform: 'win32', env: {}, home: 'C:\\Users\\a', userName: 'DOM\\agent 7' }).path,
    ).toBe('\\\\.\\pipe\\gws-secure-pause-DOM_agent_7');
  });
});

describe('private directory check', () => {
  it('accepts a 0700 directory of this uid', () => {
    const dir = join(tmp, 'ok');
    mkdirSync(dir, { mode: 0o700 });
    expect(() => checkPrivateDir(dir, uid)).not.toThrow();
  });

  it('refuses a directory with loose permissions', () => {
    const dir = join(tmp, 'loose');
    mkdirSync(dir);
    chmodSync(dir, 0o750);
    expect(() => checkPrivateDir(dir, uid)).toThrow(/open to others \(mode 750\)/);
  });

  it('refuses a directory owned by another uid', () => {
    const dir = join(tmp, 'foreign');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 4242, 4242);
    expect(() => checkPrivateDir(dir, uid)).toThrow(UnsafeSocketError);
    expect(() => checkPrivateDir(dir, uid)).toThrow(/belongs to uid 4242/);
  });

  it('refuses a symlink to a private directory', () => {
    const dir = join(tmp, 'real');
    mkdirSync(dir, { mode: 0o700 });
    symlinkSync(dir, join(tmp, 'link'));
    expect(() => checkPrivateDir(join(tmp, 'link'), uid)).toThrow(/not a directory/);
  });

  it("the server will not listen, nor the host connect, in another user's directory", async () => {
    const location = unixAt(tmp);
    mkdirSync(location.dir, { mode: 0o700 });
    const planted = createServer();
    await new Promise<void>((done) => planted.listen(location.path, done));
    chownSync(location.dir, 4242, 4242);
    await expect(connectToApp(location, uid)).rejects.toThrow(/belongs to uid 4242/);
    await expect(
      startExtensionSocketServer({
        location,
        handler: { onMessage: () => undefined, onClose: () => undefined },
      }),
    ).rejects.toThrow(/belongs to uid 4242/);
    await new Promise((done) => planted.close(done));
  });

  it('the host refuses a plain file where the socket should be', async () => {
    const location = unixAt(tmp);
    mkdirSync(location.dir, { mode: 0o700 });
    writeFileSync(location.path, '');
    await expect(connectToApp(location, uid)).rejects.toThrow(/not a socket/);
  });
});

describe('socket server', () => {
  async function serve() {
    const location = unixAt(tmp);
    const received: ExtensionToApp[] = [];
    const closed: string[] = [];
    let last: HostConnection | undefined;
    const server = await startExtensionSocketServer({
      location,
      handler: {
        onMessage: (connection, message) => {
          last = connection;
          received.push(message);
        },
        onClose: (connection) => closed.push(connection.id),
      },
    });
    return { location, server, received, closed, reply: () => last };
  }

  const lines = (socket: Socket): string[] => {
    const seen: string[] = [];
    socket.on('data', (chunk: Buffer) => seen.push(...chunk.toString().split('\n').filter(Boolean)));
    return seen;
  };

  it('creates its directory 0700, passes on protocol messages and answers', async () => {
    const { location, server, received, reply } = await serve();
    expect(() => checkPrivateDir(location.dir, uid)).not.toThrow();
    const socket = await connectToApp(location, uid);
    const seen = lines(socket);
    socket.write('{"v":1,"type":"hello"}\n');
    await waitFor(() => received.length === 1, 2_000, 'hello');
    reply()?.send({ v: 1, type: 'state', state: 'paused' });
    await waitFor(() => seen.length === 1, 2_000, 'answer');
    expect(JSON.parse(seen[0] ?? '')).toEqual({ v: 1, type: 'state', state: 'paused' });
    socket.destroy();
    await server.close();
  });

  it('closes a connection that sends a message with an extra field, and never passes it on', async () => {
    const { location, server, received, closed } = await serve();
    const socket = await connectToApp(location, uid);
    socket.write(
      `${JSON.stringify({ v: 1, type: 'trigger', kind: 'field-focus', ruleId: 'pay', stepId: '1.0.1', at: 1, value: '4111111111111111' })}\n`,
    );
    await waitFor(() => closed.length === 1, 2_000, 'connection closed');
    expect(received).toEqual([]);
    await server.close();
  });

  it('replaces a stale socket file but never takes over a live instance', async () => {
    const location = unixAt(tmp);
    mkdirSync(location.dir, { mode: 0o700 });
    const live = createServer();
    await new Promise<void>((done) => live.listen(location.path, done));
    const handler = { onMessage: () => undefined, onClose: () => undefined };
    await expect(startExtensionSocketServer({ location, handler })).rejects.toThrow(
      /another GWS Secure Pause instance/,
    );
    // A crashed app leaves its socket file behind: a child listens, then is killed without cleaning up.
    await new Promise((done) => live.close(done));
    const child = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(location.path)}, () => console.log('up'))`,
    ]);
    await new Promise((done) => child.stdout.once('data', done));
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
    expect(existsSync(location.path)).toBe(true);
    const server = await startExtensionSocketServer({ location, handler });
    const socket = await connectToApp(location, uid);
    socket.destroy();
    await server.close();
  });
});
