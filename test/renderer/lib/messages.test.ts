import { describe, expect, it } from 'vitest';
import type { CommandFailureCode, SignInFailureCode } from '../../../contract/ipc-contract.ts';
import { commandFailureCodeSchema, signInFailureCodeSchema } from '../../../contract/ipc-contract.ts';
import {
  commandResultWords,
  connectionBanner,
  signInFailureWords,
} from '../../../renderer/src/lib/messages.ts';
import { makeView } from '../helpers/fake-api.ts';
import { strictTranslator, t } from './strict-translator.ts';

describe('sign-in failure words', () => {
  it('gives every code its own sentence, never the raw code', () => {
    const codes = signInFailureCodeSchema.options as SignInFailureCode[];
    const words = codes.map((c) => signInFailureWords(t, c));
    expect(new Set(words).size).toBe(codes.length);
    for (const [i, w] of words.entries()) expect(w).not.toContain(codes[i]);
  });

  it('says what an agent needs for the three common failures', () => {
    expect(signInFailureWords(t, 'bad-credentials')).toMatch(/wrong user name or password/i);
    expect(signInFailureWords(t, 'unreachable')).toMatch(/cannot reach the server/i);
    expect(signInFailureWords(t, 'tls')).toMatch(/certificate is not trusted/i);
  });
});

describe('command result words', () => {
  it('words every failure code, and nothing for ok', () => {
    const codes = commandFailureCodeSchema.options as CommandFailureCode[];
    const all = new Set<string | undefined>();
    for (const code of codes) {
      const words = commandResultWords(t, 'pause', { ok: false, code, reason: 'raw reason' });
      all.add(words);
      expect(words, code).toMatch(/pause the recording/);
      expect(words).not.toContain('raw reason');
      if (code.includes('-')) expect(words).not.toContain(code);
    }
    expect(all.size).toBe(codes.length);
    expect(commandResultWords(t, 'pause', { ok: true, operation: 'PauseCallRecording' })).toBeUndefined();
  });

  it('says a refusal changed nothing and an unknown outcome is not guessed', () => {
    expect(commandResultWords(t, 'pause', { ok: false, code: 'rejected', reason: '' })).toBe(
      'The server refused to pause the recording. Nothing changed.',
    );
    expect(commandResultWords(t, 'resume', { ok: false, code: 'outcome-unknown', reason: '' })).toMatch(
      /not known whether it did resume the recording/,
    );
  });
});

describe('connection banner', () => {
  it('says reconnecting while the stream is being rebuilt, and names a lost bridge', () => {
    expect(connectionBanner(t, makeView({ connection: 'connecting' })).text).toMatch(/^Reconnecting/);
    expect(connectionBanner(t, makeView({ connection: 'connected' })).text).toMatch(/^Connected to/);
    expect(connectionBanner(t, makeView(), false).text).toMatch(/Lost contact with the app/);
  });
});

describe('in other languages', () => {
  it('words a refused pause in each language’s own sentence, with its own action phrase', () => {
    const result = { ok: false, code: 'not-connected', reason: '' } as const;
    expect(commandResultWords(strictTranslator('fr').t, 'pause', result)).toMatch(
      /^Impossible de mettre l’enregistrement en pause\u00a0: pas de connexion au serveur/,
    );
    expect(commandResultWords(strictTranslator('de').t, 'pause', result)).toMatch(
      /^Pausieren der Aufzeichnung war nicht möglich: keine Verbindung/,
    );
  });

  it('names the demo server in the banner’s own grammar', () => {
    const demo = makeView({ session: { phase: 'signed-in', demo: true, username: 'agent1' } });
    expect(connectionBanner(strictTranslator('de').t, demo).text).toBe(
      'Verbunden mit dem Demo-Server als \u2068agent1\u2069.',
    );
    expect(connectionBanner(t, demo).text).toBe('Connected to the demo server as \u2068agent1\u2069.');
  });
});
