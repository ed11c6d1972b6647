import { startSimulator } from '../simulator/index.ts';

/**
 * Child process of the (f) scale bench: a simulator with `N` agents
 * (`agent1`..`agentN`, password = user name) on an ephemeral loopback port,
 * in its own process so its CPU and RSS are its own. Prints one JSON line
 * `{"url":...}` when listening; stops on SIGTERM.
 */
const agents = Number(process.argv[2] ?? 100);
const sim = await startSimulator({
  csrf: true,
  bayeuxTimeoutSec: 30,
  agents: Array.from({ length: agents }, (_, i) => ({
    userName: `agent${i + 1}`,
    password: `agent${i + 1}`,
    dn: String(10_000 + i),
  })),
});
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`);
process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
