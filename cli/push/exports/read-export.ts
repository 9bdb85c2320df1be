import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputFileError, UsageError } from '#shared/errors.ts';
import type { CliIo } from '../../io.ts';
import { reasonOf, STDIN } from '../../read-input.ts';
import { type InputRecord, validate } from '../read-events.ts';
import { type ConvertOptions, convertRows, type ExportIssue } from './convert.ts';
import { decodeStream } from './decode.ts';
import {
  BUILT_IN_FORMATS,
  builtInMapping,
  DATE_FORMATS,
  type DateFormat,
  type ExportMapping,
  ExportMappingSchema,
  isBuiltInFormat,
} from './mapping.ts';
import { readRows } from './rows.ts';
import { parseOffset } from './values.ts';

/** At most this many cell problems are listed; the count says how many more there were. */
const SHOWN_ISSUES = 20;

const WINDOWS: Readonly<Record<string, number>> = { '1h': 3_600_000, '6h': 21_600_000, '1d': 86_400_000 };

/** Whether `--format` names a platform export rather than our own CSV or JSON Lines. */
export const isExportFormat = (format: string | undefined): boolean =>
  format !== undefined && isBuiltInFormat(format);

/** `--date-format` and `--decimal`: how this file writes dates and numbers, over the mapping's say. */
export interface Overrides {
  readonly dateFormat?: string | undefined;
  readonly decimal?: string | undefined;
}

const withOverrides = (mapping: ExportMapping, overrides: Overrides): ExportMapping => {
  const { dateFormat, decimal } = overrides;
  if (dateFormat !== undefined && !(DATE_FORMATS as readonly string[]).includes(dateFormat))
    throw new UsageError(`--date-format must be one of ${DATE_FORMATS.join(', ')}, got "${dateFormat}"`);
  if (decimal !== undefined && decimal !== '.' && decimal !== ',' && decimal !== 'auto')
    throw new UsageError(`--decimal must be . or , (or auto), got "${decimal}"`);
  return {
    ...mapping,
    ...(dateFormat === undefined ? {} : { dateFormat: dateFormat as DateFormat }),
    ...(decimal === undefined ? {} : { decimal }),
  };
};

/**
 * The mapping of `--format <export>` or `--mapping <file>` (JSON, or YAML when the file is named .yaml or
 * .yml; the same shape either way, docs/cli.md), with `--date-format` and `--decimal` applied.
 *
 * @example mappingOf('meta-ads', undefined, undefined)
 */
export const mappingOf = (
  format: string | undefined,
  mappingText: string | undefined,
  mappingName: string | undefined,
  overrides: Overrides = {},
): ExportMapping => {
  if (mappingText === undefined) {
    if (format !== undefined && isBuiltInFormat(format))
      return withOverrides(builtInMapping(format), overrides);
    throw new UsageError(
      `--format must be csv, jsonl or one of ${BUILT_IN_FORMATS.join(', ')}, got "${format}"`,
    );
  }
  const yaml = /\.ya?ml$/i.test(mappingName ?? '');
  let json: unknown;
  try {
    json = yaml ? parseYaml(mappingText) : JSON.parse(mappingText);
  } catch (error) {
    throw new InputFileError(
      `The mapping file ${mappingName} is not valid ${yaml ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
  const parsed = ExportMappingSchema.safeParse(json);
  if (!parsed.success)
    throw new InputFileError(
      `The mapping file ${mappingName} has problems:\n${parsed.error.issues
        .map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('\n')}`,
    );
  return withOverrides(parsed.data, overrides);
};

/** `--tz` and `--window` as the converter takes them. */
export const exportOptionsOf = (
  tz: string | undefined,
  window: string | undefined,
): Pick<ConvertOptions, 'offset' | 'windowMs'> => {
  const offset = parseOffset(tz ?? 'Z');
  if (offset === undefined)
    throw new UsageError(`--tz must be a UTC offset such as +07:00, -05:00 or Z, got "${tz}"`);
  const windowMs = WINDOWS[window ?? '1h'];
  if (windowMs === undefined) throw new UsageError(`--window must be 1h, 6h or 1d, got "${window}"`);
  return { offset, windowMs };
};

const describe = (name: string, issues: readonly ExportIssue[]): string =>
  [
    ...issues
      .slice(0, SHOWN_ISSUES)
      .map((issue) => `  ${name}, row ${issue.row}, column "${issue.column}": ${issue.message}`),
    ...(issues.length > SHOWN_ISSUES ? [`  … and ${issues.length - SHOWN_ISSUES} more`] : []),
  ].join('\n');

/** The bytes of a file (streamed) or of standard input; a file that cannot be opened is an input error. */
async function* bytesOf(io: CliIo, path: string): AsyncGenerator<string | Uint8Array> {
  if (path === STDIN) {
    yield* io.stdin;
    return;
  }
  const stream = createReadStream(resolve(io.cwd, path));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof InputFileError || error instanceof UsageError) throw error;
    throw new InputFileError(`Cannot read ${path}: ${reasonOf(error)}`, { cause: error });
  }
}

/**
 * An export's events, validated against the contract. The file streams through (any encoding the
 * platforms write, decoded on the way; rows read one at a time), and a cell that cannot be read stops
 * the whole file before anything is sent: a daily row missing would make every later cumulative
 * snapshot wrong.
 */
export const readExport = async (
  io: CliIo,
  path: string,
  options: ConvertOptions & { readonly encoding?: string | undefined },
  note: (line: string) => void,
): Promise<InputRecord[]> => {
  const name = path === STDIN ? 'stdin' : path;
  const converted = await convertRows(
    readRows(decodeStream(bytesOf(io, path), name, options.encoding), name),
    options,
  );
  if (converted.issues.length > 0)
    throw new InputFileError(
      `${name}: ${converted.issues.length} problem(s); nothing was sent:\n${describe(name, converted.issues)}`,
    );
  for (const line of converted.notes) note(line);
  return converted.values.map(({ line, value }) => validate(line, value, 'jsonl'));
};
