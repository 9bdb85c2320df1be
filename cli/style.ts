import { styleText } from 'node:util';
import type { OutputStream } from './io.ts';

/** One ANSI style name (`red`, `bold`, `underline` …). */
export type Style = Extract<Parameters<typeof styleText>[0], string>;
type Format = Style | Style[];

/** Paints text, or leaves it alone when colours are off. */
export type Paint = (format: Format, text: string) => string;

/**
 * Colours only for a person at a terminal: off when the stream is not a TTY or `NO_COLOR` is set
 * (https://no-color.org), on when `FORCE_COLOR` asks for them (CI logs that render ANSI).
 *
 * @example colorsEnabled(process.stdout, process.env) // true in a terminal
 */
export const colorsEnabled = (
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): boolean => {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
};

/**
 * @example painter(true)('red', 'urgent') // '\u001b[31murgent\u001b[39m'
 */
export const painter =
  (enabled: boolean): Paint =>
  (format, text) =>
    // The decision is ours (above), so Node must not second-guess it against process.stdout.
    enabled ? styleText(format, text, { validateStream: false }) : text;

/** The colour of a level of the default matrix; other levels (a 5×5 matrix) stay bold only. */
export const levelFormat = (level: string): Style[] => {
  switch (level) {
    case 'red':
      return ['bold', 'red'];
    case 'yellow':
      return ['bold', 'yellow'];
    case 'green':
      return ['bold', 'green'];
    default:
      return ['bold'];
  }
};
