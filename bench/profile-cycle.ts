import { runOfficial } from './official.ts';
import { runOurs } from './ours.ts';
import { startSimProcess } from './scale.ts';
import { simulatorAt } from './targets.ts';

/**
 * Where does a long-polling POST → event cycle spend its time in
 * the client? Runs one client (ours or the official CometD client) against a
 * simulator in **another** process, so a `--cpu-prof` profile of this process
 * holds client frames only:
 *
 *   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/profile-cycle.ts ours 500
 *   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/profile-cycle.ts official 500
 *   node --import tsx bench/cpu-profile-summary.ts prof
 */
const which = process.argv[2];
const cycles = Number(process.argv[3] ?? 500);
if ((which !== 'ours' && which !== 'official') || !Number.isInteger(cycles) || cycles < 1) {
  process.stderr.write('usage: profile-cycle.ts ours|official [cycles]\n');
  process.exit(2);
}
const { child, url } = await startSimProcess(3);
try {
  const target = simulatorAt(url);
  const result =
    which === 'ours'
      ? (await runOurs(target, 'long-polling', cycles)).toggle
      : (await runOfficial(target, 'long-polling', cycles)).cycle;
  process.stdout.write(`${which}: ${JSON.stringify(result)}\n`);
} finally {
  child.kill('SIGTERM');
}
