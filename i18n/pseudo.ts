/**
 * The pseudo-locale: English with every letter accented, each message padded to ~40 % longer and bracketed
 * (`[Ƥåûšéð··········]`), so a glance at the window shows text that is hard-coded (plain ASCII), cut off (no
 * closing bracket) or too tight for German and French. ICU syntax is kept intact: only literal text is changed,
 * never `{argument}` names, select/plural keys or `#`.
 */

import type { Catalogue, MessageKey } from './catalogues/en.ts';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i] ?? c,
  ]),
);

/** How much longer pseudo text is than English (German and French run 30–40 % longer). */
export const PSEUDO_EXPANSION = 0.4;

/** A small ICU reader: copies syntax as is and hands literal text to `mapText`. */
class IcuWalker {
  private i = 0;
  literal = 0;

  constructor(
    private readonly s: string,
    private readonly mapText: (c: string) => string,
  ) {}

  /** A (sub-)message up to its closing `}` or the end; `#` is syntax inside a plural. */
  message(inPlural: boolean): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s.charAt(this.i);
      if (c === '}') break;
      if (c === '{') out += this.argument();
      else {
        this.i += 1;
        if (c === '#' && inPlural) out += c;
        else {
          out += this.mapText(c);
          this.literal += 1;
        }
      }
    }
    return out;
  }

  /** `{name}`, `{name, type, style}` or `{name, plural|select, key {message} …}`, copied with its branches walked. */
  private argument(): string {
    const head = this.until(/[,}]/);
    if (this.s.charAt(this.i) === '}') return `${head}${this.take()}`;
    const type = this.until(/[,}]/, 1);
    const kind = type.replace(/^,/, '').trim();
    if (kind !== 'plural' && kind !== 'select' && kind !== 'selectordinal') {
      return `${head}${type}${this.until(/}/)}${this.take()}`;
    }
    let out = `${head}${type}${this.take()}`; // the comma before the branches
    while (this.i < this.s.length && this.s.charAt(this.i) !== '}') {
      out += this.until(/{/); // whitespace, a key (`one`, `=0`, `offset:1`), whitespace
      out += this.take(); // `{`
      out += this.message(kind !== 'select');
      out += this.take(); // `}`
      out += this.until(/[^\s]/);
    }
    return `${out}${this.take()}`;
  }

  /** Copies up to (not including) the first char matching `stop`, starting `skip` chars on. */
  private until(stop: RegExp, skip = 0): string {
    const from = this.i;
    this.i += skip;
    while (this.i < this.s.length && !stop.test(this.s.charAt(this.i))) this.i += 1;
    return this.s.slice(from, this.i);
  }

  private take(): string {
    const c = this.s.charAt(this.i);
    this.i += 1;
    return c;
  }
}

/** One message in the pseudo-locale. */
export function pseudoLocalize(message: string): string {
  const walker = new IcuWalker(message, (c) => ACCENTED[c] ?? c);
  const text = walker.message(false);
  const literal = walker.literal;
  const pad = '·'.repeat(Math.max(1, Math.round(literal * PSEUDO_EXPANSION)));
  return `[${text}${pad}]`;
}

/** The whole pseudo catalogue, generated from English. */
export function pseudoCatalogue(english: Catalogue): Catalogue {
  const out = {} as Record<MessageKey, string>;
  for (const key of Object.keys(english) as MessageKey[]) out[key] = pseudoLocalize(english[key]);
  return out;
}
