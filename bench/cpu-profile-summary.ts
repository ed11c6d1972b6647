import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Top self-time frames of every `.cpuprofile` in a folder (what `node
 * --cpu-prof` writes), idle time excluded from the percentages:
 * `node --import tsx bench/cpu-profile-summary.ts <dir> [top=25]`.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    const where = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(main|bench|simulator|test)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    busy += dt;
  });
  return [
    `busy ${(busy / 1000).toFixed(0)} ms`,
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([key, us]) =>
          `${((us / busy) * 100).toFixed(1).padStart(5)}% ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`,
      ),
  ];
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: cpu-profile-summary.ts <dir> [top]\n');
  process.exit(2);
}
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  process.stdout.write(`${file}\n${summarise(profile, Number(process.argv[3] ?? 25)).join('\n')}\n\n`);
}
