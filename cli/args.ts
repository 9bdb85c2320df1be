import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '#shared/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` with strict options whose errors become usage errors (exit code 2), and a cap on
 * positionals so a stray word is reported instead of ignored.
 *
 * @example parseCommandArgs(['a.csv', '--json'], { json: { type: 'boolean' } }, 1)
 */
export const parseCommandArgs = <T extends Options>(
  args: readonly string[],
  options: T,
  maxPositionals: number,
) => {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).join(' ');
    throw new UsageError(`Unexpected argument: ${extra}`);
  }
  return parsed;
};

/**
 * A whole number from an option, within bounds.
 * @example intOption('--retries', '5', 0, 20) // 5
 */
export const intOption = (
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
};
