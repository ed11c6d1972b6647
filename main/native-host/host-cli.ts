/**
 * Entry point of the native messaging host (what the launcher named in the host manifest runs). Chrome passes
 * the caller's origin as the first argument; the manifest's `allowed_origins` already limits callers to our
 * extension, and the host acts only on protocol messages. Diagnostics go to stderr (stdout is the protocol).
 */

import { runNativeHost } from './host.ts';
import { connectToApp } from './socket-client.ts';
import { userSocketLocation } from './socket-path.ts';

const location = userSocketLocation();
await runNativeHost({
  input: process.stdin,
  output: process.stdout,
  connect: () => connectToApp(location),
  log: (line) => process.stderr.write(`gws-secure-pause host: ${line}\n`),
});
process.exit(0);
