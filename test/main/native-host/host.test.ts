/**
 * The native host in-process (the Chromium end-to-end test runs the built one): it relays framed messages from
 * the browser to the app and answers back, drops anything that is not a protocol message, tells the page
 * `no-app` while the app is not reachable and connects once it is, and exits when the browser closes stdin or
 * sends an oversized frame. The host manifest names the extension's fixed id, derived from the manifest key.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionToApp } from '../../../contract/extension-protocol.ts';
import { EXTENSION_ID, extensionIdOf } from '../../../main/native-host/extension-id.ts';
import { createFrameDecoder, encodeFrame } from '../../../main/native-host/framing.ts';
import { runNativeHost } from '../../../main/native-host/host.ts';
import { NATIVE_HOST_NAME, writeNativeHostManifest } from '../../../main/native-host/host-manifest.ts';
import { connectToApp } from '../../../main/native-host/socket-client.ts';
import type { ExtensionSocketServer, HostConnection } from '../../../main/native-host/socket-server.ts';
import { startExtensionSocketServer } from '../../../main/native-host/socket-server.ts';
import { userSocketLocation } from '../../../main/native-host/socket-path.ts';
import { waitFor } from '../helpers/wait-for.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'gsp-host-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function browserSide() {
  const input = new PassThrough();
  const output = new PassThrough();
  const frames: unknown[] = [];
  const decoder = createFrameDecoder(
    (m) => frames.push(m),
    () => undefined,
    1024 * 1024,
  );
  output.on('data', (chunk: Buffer) => decoder.push(chunk));
  return { input, output, frames };
}

async function app(location: ReturnType<typeof userSocketLocation>) {
  const received: ExtensionToApp[] = [];
  let connection: HostConnection | undefined;
  const server: ExtensionSocketServer = await startExtensionSocketServer({
    location,
    handler: {
      onMessage: (c, m) => {
        connection = c;
        received.push(m);
      },
      onClose: () => undefined,
    },
  });
  return { server, received, reply: () => connection };
}

describe('native host', () => {
  it('relays both ways, drops non-protocol messages, and ends with stdin', async () => {
    const location = userSocketLocation({
      platform: 'linux',
      env: { XDG_RUNTIME_DIR: tmp },
      home: tmp,
      userName: 'a',
    });
    const { server, received, reply } = await app(location);
    const browser = browserSide();
    const done = runNativeHost({
      input: browser.input,
      output: browser.output,
      connect: () => connectToApp(location),
    });
    await waitFor(() => received.length === 1, 3_000, 'hello from the host');
    expect(received[0]).toEqual({ v: 1, type: 'hello' });
    const trigger = { v: 1, type: 'trigger', kind: 'field-focus', ruleId: 'pay', stepId: '3.0.1', at: 10 };
    browser.input.write(encodeFrame({ ...trigger, value: '4111111111111111' }));
    browser.input.write(encodeFrame(trigger));
    await waitFor(() => received.length === 2, 3_000, 'trigger relayed');
    expect(received[1]).toEqual(trigger);
    reply()?.send({ v: 1, type: 'state', state: 'pausing' });
    await waitFor(() => browser.frames.length === 1, 3_000, 'state relayed');
    expect(browser.frames[0]).toEqual({ v: 1, type: 'state', state: 'pausing' });
    browser.input.end();
    await done;
    await server.close();
  });

  it('tells the page no-app while the app is not running, then connects when it starts', async () => {
    const location = userSocketLocation({
      platform: 'linux',
      env: { XDG_RUNTIME_DIR: tmp },
      home: tmp,
      userName: 'a',
    });
    const browser = browserSide();
    const done = runNativeHost({
      input: browser.input,
      output: browser.output,
      connect: () => connectToApp(location),
    });
    await waitFor(() => browser.frames.length > 0, 3_000, 'no-app');
    expect(browser.frames[0]).toEqual({ v: 1, type: 'state', state: 'no-app' });
    const { server, received } = await app(location);
    await waitFor(() => received.length === 1, 5_000, 'hello after the app started');
    browser.input.end();
    await done;
    await server.close();
  });

  it('exits on an oversized frame from the browser', async () => {
    const browser = browserSide();
    const done = runNativeHost({
      input: browser.input,
      output: browser.output,
      connect: () => Promise.reject(new Error('no app')),
    });
    const header = Buffer.alloc(4);
    header.writeUInt32LE(10 * 1024 * 1024, 0);
    browser.input.write(header);
    await done;
  });
});

describe('host manifest', () => {
  it('names the fixed extension id derived from the manifest key and an executable launcher', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'extension', 'manifest.json'), 'utf8')) as {
      key: string;
    };
    expect(extensionIdOf(Buffer.from(manifest.key, 'base64'))).toBe(EXTENSION_ID);
    const written = writeNativeHostManifest(
      join(tmp, 'NativeMessagingHosts'),
      ['/usr/bin/node', "/opt/it's/host.mjs"],
      'linux',
    );
    const host = JSON.parse(readFileSync(written.manifestPath, 'utf8')) as Record<string, unknown>;
    expect(host).toEqual({
      name: NATIVE_HOST_NAME,
      description: expect.any(String),
      path: written.launcherPath,
      type: 'stdio',
      allowed_origins: [`chrome-extension://${EXTENSION_ID}/`],
    });
    expect(statSync(written.launcherPath).mode & 0o111).toBe(0o111);
    const echoed = execFileSync('/bin/sh', [
      '-c',
      `sed -e 's/^exec /printf "%s|" /' '${written.launcherPath}' | sh -s -- extra`,
    ]).toString();
    expect(echoed).toBe("/usr/bin/node|/opt/it's/host.mjs|extra|");
  });

  it('keeps no private key in the extension', () => {
    const manifest = readFileSync(join(ROOT, 'extension', 'manifest.json'), 'utf8');
    expect(manifest).not.toMatch(/PRIVATE KEY/);
    expect(Buffer.from((JSON.parse(manifest) as { key: string }).key, 'base64').length).toBeLessThan(400);
  });
});
