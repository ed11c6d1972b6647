import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../../main/electron/secret-store-adapter.ts';
import { resetElectronFake, safeStorage } from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

let dir: string;
beforeEach(() => {
  resetElectronFake();
  dir = mkdtempSync(join(tmpdir(), 'gws-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = 'S3cret-pa55word!';

describe('secret store adapter (safeStorage)', () => {
  it('encrypts with safeStorage into its own file: the password never appears on disk or in the log', async () => {
    const logger = collectingLogger();
    const file = join(dir, 'passwords.json');
    const secrets = createSecretStore({ file, platform: 'win32', logger });
    expect(secrets.availability()).toBe('safe-storage');
    await secrets.set('https://gws|jdoe', PASSWORD);
    expect(safeStorage.encryptCalls).toBe(1);
    expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);
    const again = createSecretStore({ file, platform: 'win32', logger });
    await expect(again.get('https://gws|jdoe')).resolves.toBe(PASSWORD);
    await again.delete('https://gws|jdoe');
    await expect(
      createSecretStore({ file, platform: 'win32', logger }).get('https://gws|jdoe'),
    ).resolves.toBeUndefined();
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);
  });

  it('Linux basic_text backend: memory for the run, and says so', async () => {
    safeStorage.backend = 'basic_text';
    const logger = collectingLogger();
    const file = join(dir, 'passwords.json');
    const secrets = createSecretStore({ file, platform: 'linux', logger });
    expect(secrets.availability()).toBe('memory');
    expect(logger.lines.join('\n')).toMatch(/kept in memory for this run only/);
    await secrets.set('a', PASSWORD);
    await expect(secrets.get('a')).resolves.toBe(PASSWORD);
    expect(existsSync(file)).toBe(false);
    expect(safeStorage.encryptCalls).toBe(0);
    await expect(createSecretStore({ file, platform: 'linux', logger }).get('a')).resolves.toBeUndefined();
  });

  it('encryption unavailable: memory; a real keyring backend on Linux is used', async () => {
    safeStorage.available = false;
    expect(
      createSecretStore({
        file: join(dir, 'p'),
        platform: 'darwin',
        logger: collectingLogger(),
      }).availability(),
    ).toBe('memory');
    safeStorage.available = true;
    safeStorage.backend = 'kwallet6';
    expect(
      createSecretStore({
        file: join(dir, 'p'),
        platform: 'linux',
        logger: collectingLogger(),
      }).availability(),
    ).toBe('safe-storage');
  });

  it('a password that cannot be decrypted any more is simply asked for again', async () => {
    const file = join(dir, 'passwords.json');
    const logger = collectingLogger();
    await createSecretStore({ file, platform: 'win32', logger }).set('a', PASSWORD);
    const decrypt = safeStorage.decryptString.bind(safeStorage);
    safeStorage.decryptString = () => {
      throw new Error('keychain changed');
    };
    try {
      await expect(createSecretStore({ file, platform: 'win32', logger }).get('a')).resolves.toBeUndefined();
    } finally {
      safeStorage.decryptString = decrypt;
    }
    expect(logger.lines.join('\n')).toMatch(/could not be decrypted/);
  });
});
