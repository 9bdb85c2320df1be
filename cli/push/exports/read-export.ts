import { InputFileError, UsageError } from '../../errors.ts';
import { type InputRecord, validate } from '../read-events.ts';
import { type ConvertOptions, convertExport, type ExportIssue } from './convert.ts';
import {
  BUILT_IN_FORMATS,
  builtInMapping,
  type ExportMapping,
  ExportMappingSchema,
  isBuiltInFormat,
} from './mapping.ts';
import { parseOffset } from './values.ts';

/** At most this many cell problems are listed; the count says how many more there were. */
const SHOWN_ISSUES = 20;

const WINDOWS: Readonly<Record<string, number>> = { '1h': 3_600_000, '6h': 21_600_000, '1d': 86_400_000 };

/** Whether `--format` names a platform export rather than our own CSV or JSON Lines. */
export const isExportFormat = (format: string | undefined): boolean =>
  format !== undefined && isBuiltInFormat(format);

/**
 * The mapping of `--format <export>` or `--mapping <file>` (a JSON file of the same shape; docs/cli.md).
 *
 * @example mappingOf('meta-ads', undefined, undefined)
 */
export const mappingOf = (
  format: string | undefined,
  mappingText: string | undefined,
  mappingName: string | undefined,
): ExportMapping => {
  if (mappingText === undefined) {
    if (format !== undefined && isBuiltInFormat(format)) return builtInMapping(format);
    throw new UsageError(
      `--format must be csv, jsonl or one of ${BUILT_IN_FORMATS.join(', ')}, got "${format}"`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(mappingText);
  } catch (error) {
    throw new InputFileError(
      `The mapping file ${mappingName} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = ExportMappingSchema.safeParse(json);
  if (!parsed.success)
    throw new InputFileError(
      `The mapping file ${mappingName} has problems:\n${parsed.error.issues
        .map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`)
        .join('\n')}`,
    );
  return parsed.data;
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

const describe = (issues: readonly ExportIssue[]): string =>
  [
    ...issues
      .slice(0, SHOWN_ISSUES)
      .map((issue) => `  row ${issue.row}, column "${issue.column}": ${issue.message}`),
    ...(issues.length > SHOWN_ISSUES ? [`  … and ${issues.length - SHOWN_ISSUES} more`] : []),
  ].join('\n');

/**
 * An export's events, validated against the contract; a cell that cannot be read stops the whole file
 * before anything is sent (a daily row missing would make every later cumulative snapshot wrong).
 */
export const readExport = (
  text: string,
  options: ConvertOptions,
  note: (line: string) => void,
): InputRecord[] => {
  const converted = convertExport(text, options);
  if (converted.issues.length > 0)
    throw new InputFileError(
      `The export has ${converted.issues.length} cell(s) that cannot be read; nothing was sent:\n${describe(converted.issues)}`,
    );
  for (const line of converted.notes) note(line);
  return converted.values.map(({ line, value }) => validate(line, value, 'jsonl'));
};
