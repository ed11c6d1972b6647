/**
 * Where the app of one OS user listens for its native messaging host, and the checks that keep other users
 * out (several agents share one Citrix/RDS host, and a pause request must reach the app of the SAME user).
 *
 * Contract (Linux/macOS): a Unix socket `app.sock` in a directory `gws-secure-pause` under `$XDG_RUNTIME_DIR`
 * (itself per-user, 0700), or under the user's config directory when that is unset. The directory must be a
 * real directory (not a symlink) owned by the current uid with no group/other permission bits; otherwise both
 * sides refuse it — never "fix" it, since another user may have planted it. The client also checks that the
 * socket file is a socket owned by the current uid. Windows: a named pipe whose name includes the user name;
 * Node cannot set the pipe's DACL, so there the isolation rests on the per-user name and Windows' default pipe
 * security (see the report of the change that added this).
 */

import { lstatSync, mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Where to listen / connect. */
export type SocketLocation =
  | { readonly kind: 'unix'; readonly dir: string; readonly path: string }
  | { readonly kind: 'pipe'; readonly path: string };

/** The facts the location depends on (injectable for tests). */
export interface SocketEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly userName: string;
}

/** The facts of this process. */
export function currentSocketEnvironment(): SocketEnvironment {
  return { platform: process.platform, env: process.env, home: homedir(), userName: userInfo().username };
}

const APP_DIR = 'gws-secure-pause';

/** The per-user socket location. */
export function userSocketLocation(
  environment: SocketEnvironment = currentSocketEnvironment(),
): SocketLocation {
  if (environment.platform === 'win32') {
    const user = environment.userName.replace(/[^A-Za-z0-9_.-]/g, '_');
    return { kind: 'pipe', path: `\\\\.\\pipe\\gws-secure-pause-${user}` };
  }
  const runtime = environment.env.XDG_RUNTIME_DIR;
  const base =
    runtime && runtime.startsWith('/')
      ? runtime
      : environment.platform === 'darwin'
        ? join(environment.home, 'Library', 'Application Support')
        : (environment.env.XDG_CONFIG_HOME ?? join(environment.home, '.config'));
  const dir = join(base, APP_DIR);
  return { kind: 'unix', dir, path: join(dir, 'app.sock') };
}

/** A socket directory or file that must not be used. */
export class UnsafeSocketError extends Error {
  override readonly name = 'UnsafeSocketError';
}

/** The current uid (`undefined` on Windows). */
export function currentUid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Throws {@link UnsafeSocketError} unless `dir` is a real directory of `uid` with mode 0700 or tighter. */
export function checkPrivateDir(dir: string, uid: number): void {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory()) throw new UnsafeSocketError(`${dir} is not a directory`);
  if (stat.uid !== uid) throw new UnsafeSocketError(`${dir} belongs to uid ${stat.uid}, not ${uid}`);
  if ((stat.mode & 0o077) !== 0) {
    throw new UnsafeSocketError(
      `${dir} is open to others (mode ${(stat.mode & 0o777).toString(8)}); expected 700`,
    );
  }
}

/** Creates `dir` (mode 0700) when missing, then checks it with {@link checkPrivateDir}. */
export function ensurePrivateDir(dir: string, uid: number): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkPrivateDir(dir, uid);
}

/** Throws {@link UnsafeSocketError} unless `path` is a socket owned by `uid` in a private directory. */
export function checkSocketFile(location: Extract<SocketLocation, { kind: 'unix' }>, uid: number): void {
  checkPrivateDir(location.dir, uid);
  const stat = lstatSync(location.path);
  if (!stat.isSocket()) throw new UnsafeSocketError(`${location.path} is not a socket`);
  if (stat.uid !== uid)
    throw new UnsafeSocketError(`${location.path} belongs to uid ${stat.uid}, not ${uid}`);
}
