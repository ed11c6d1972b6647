import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import electronFake from '../../fakes/electron-fake.ts';

/**
 * The shared fake cannot drift by name either: every member it exports as
 * `electron` is declared by Electron itself (the type pins in the fake check
 * the signatures at compile time).
 */
describe('the shared electron fake', () => {
  it('exports only members the real electron module declares', () => {
    const require = createRequire(import.meta.url);
    const dts = readFileSync(require.resolve('electron/electron.d.ts'), 'utf8');
    const namespace = dts.slice(dts.indexOf('namespace CrossProcessExports'));
    for (const name of Object.keys(electronFake)) {
      const declared = new RegExp(`\\b(const|class) ${name}\\b|\\btype ${name} = Electron\\.${name}\\b`).test(
        namespace,
      );
      expect(declared, `electron declares ${name}`).toBe(true);
    }
  });
});
