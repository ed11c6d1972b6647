/**
 * `npm run sim -- --port 8090 [--host 127.0.0.1] [--csrf on|off] [--config file.json] [--demo] [--no-control-api]`
 *
 * Prints the URL and the demo credentials, logs what happens on stderr, and
 * stops cleanly on Ctrl+C. Command-line flags override the config file.
 */

import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseSimulatorOptions, type SimulatorOptionsInput } from './options.ts';
import { startSimulator } from './server.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}

function readConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read config file ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Config file ${file} is not a JSON object: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

const program = new Command()
  .name('npm run sim --')
  .description('GWS v2 simulator: REST + CometD/Bayeux on loopback, with demo agents and a /sim control API.')
  .option('--port <port>', 'TCP port (0 = any free port)', port, 8090)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .addOption(new Option('--csrf <mode>', 'CSRF protection on POST/PUT/DELETE').choices(['on', 'off']))
  .option('--config <file>', 'JSON file with simulator options (see README)')
  .option('--demo', 'a scripted caller rings agent1 every few seconds')
  .option('--bayeux-timeout <seconds>', 'long-poll hold time of /meta/connect', seconds)
  .option('--no-control-api', 'switch the /sim control API off (every /sim path answers 404)')
  .option('--quiet', 'do not log faults, restarts and demo calls on stderr');

async function main(): Promise<void> {
  program.parse();
  const flags = program.opts<{
    port: number;
    host: string;
    csrf?: 'on' | 'off';
    config?: string;
    demo?: boolean;
    bayeuxTimeout?: number;
    controlApi: boolean;
    quiet?: boolean;
  }>();
  const fromFile = flags.config ? readConfig(flags.config) : {};
  // Flags win over the file only when given: the flag defaults must not mask the file's port/host.
  const given = (name: string): boolean => program.getOptionValueSource(name) === 'cli';
  const input: SimulatorOptionsInput = {
    ...fromFile,
    ...(given('port') || fromFile.port === undefined ? { port: flags.port } : {}),
    ...(given('host') || fromFile.host === undefined ? { host: flags.host } : {}),
  };
  if (flags.csrf) input.csrf = flags.csrf === 'on';
  if (flags.demo) input.demo = true;
  if (flags.bayeuxTimeout !== undefined) input.bayeuxTimeoutSec = flags.bayeuxTimeout;
  if (given('controlApi')) input.controlApi = flags.controlApi;
  const options = parseSimulatorOptions(input);
  const sim = await startSimulator(options, {
    log: flags.quiet ? undefined : (line) => process.stderr.write(`[sim] ${line}\n`),
  });
  const agents = options.agents.map((a) => `  ${a.userName} / ${a.password}  (DN ${a.dn})`).join('\n');
  process.stdout.write(
    `GWS v2 simulator listening on ${sim.url}\n` +
      `  REST:   ${sim.url}/api/v2/me\n` +
      `  Bayeux: ${sim.url}/api/v2/notifications (long-polling${options.websocket ? ', websocket' : ''})\n` +
      `  Control API: ${options.controlApi ? `${sim.url}/sim (loopback only)` : 'off'}\n` +
      `  CSRF:   ${options.csrf ? 'on' : 'off'}${options.demo ? '   Demo caller: on (rings ' + (options.agents[0]?.userName ?? '') + ')' : ''}\n` +
      `Demo credentials (user / password):\n${agents}\n` +
      `Try: curl -u agent1:agent1 ${sim.url}/api/v2/me\n`,
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
