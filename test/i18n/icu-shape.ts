/**
 * What a catalogue test compares between two ICU messages: the arguments (name and type, with the option keys of
 * every `select`), the plural categories of every `plural`, and the literal text alone (without ICU syntax), read
 * from intl-messageformat's own parser so the tests see a message exactly as the runtime does.
 */

import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

/** One argument of a message: `name:type` (selects also list their option keys). */
export interface IcuShape {
  args: string[];
  plurals: { name: string; options: string[] }[];
  text: string;
}

function walk(elements: MessageFormatElement[], shape: IcuShape): void {
  for (const el of elements) {
    if (el.type === TYPE.literal) shape.text += el.value;
    else if (el.type === TYPE.argument) shape.args.push(`${el.value}:argument`);
    else if (el.type === TYPE.select) {
      shape.args.push(`${el.value}:select[${Object.keys(el.options).sort().join(',')}]`);
      for (const option of Object.values(el.options)) walk(option.value, shape);
    } else if (el.type === TYPE.plural) {
      shape.args.push(`${el.value}:plural`);
      shape.plurals.push({ name: el.value, options: Object.keys(el.options) });
      for (const option of Object.values(el.options)) walk(option.value, shape);
    } else if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) {
      shape.args.push(`${el.value}:${TYPE[el.type]}`);
    } else if (el.type === TYPE.tag) walk(el.children, shape);
  }
}

/** The shape of `message` parsed for `locale` (throws on an ICU syntax error). */
export function icuShape(message: string, locale: string): IcuShape {
  const shape: IcuShape = { args: [], plurals: [], text: '' };
  walk(new IntlMessageFormat(message, locale).getAst(), shape);
  shape.args = [...new Set(shape.args)].sort();
  return shape;
}
