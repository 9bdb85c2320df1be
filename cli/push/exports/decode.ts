import { TextDecoder } from 'node:util';
import { InputFileError, UsageError } from '#shared/errors.ts';

/**
 * The text of an export, decoded as it streams in. Platforms write different encodings: Google Ads'
 * default download ("Excel CSV") is UTF-16 little-endian with tabs, Excel's "CSV UTF-8" starts with a
 * byte-order mark, most others are plain UTF-8. The byte-order mark decides; without one, a UTF-16 file
 * is told by its zero bytes (every other byte of ASCII text), else UTF-8. `--encoding` names any other
 * (e.g. `gbk`, `windows-1252`, which Excel writes on Chinese and Western Windows).
 */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Enough bytes to see a byte-order mark, or the zero bytes of UTF-16 text without one. */
const SNIFF_BYTES = 64;

const sniff = (head: Uint8Array): { encoding: Encoding; bom: number } => {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i += 1) {
    if (head[i] === 0) {
      if (i % 2 === 0) evenZeros += 1;
      else oddZeros += 1;
    }
  }
  const half = head.length / 4;
  if (oddZeros > half && evenZeros === 0) return { encoding: 'utf-16le', bom: 0 };
  if (evenZeros > half && oddZeros === 0) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
};

const decoderOf = (label: string): TextDecoder => {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false });
  } catch {
    throw new UsageError(
      `--encoding must be an encoding such as utf-8, utf-16le, gbk or windows-1252, got "${label}"`,
    );
  }
};

/**
 * Decodes a stream of bytes (or strings, passed through) into text chunks; the byte-order mark is dropped.
 *
 * @example for await (const text of decodeStream(createReadStream('report.csv'), 'report.csv')) …
 */
export async function* decodeStream(
  source: AsyncIterable<string | Uint8Array>,
  name: string,
  encoding?: string,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined = encoding === undefined ? undefined : decoderOf(encoding);
  let head = new Uint8Array(0);
  let first = true;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return (decoder as TextDecoder).decode(bytes, { stream });
    } catch (error) {
      throw new InputFileError(
        `${name} is not ${(decoder as TextDecoder).encoding.toUpperCase()} text: re-export it as CSV (UTF-8), or name its encoding with --encoding`,
        { cause: error },
      );
    }
  };
  const strip = (text: string): string => {
    if (!first) return text;
    first = false;
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  };
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield strip(chunk);
      continue;
    }
    if (decoder === undefined) {
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      if (head.length < SNIFF_BYTES) continue;
      decoder = decoderOf(sniff(head).encoding);
      const text = strip(decode(head, true));
      if (text !== '') yield text;
      continue;
    }
    const text = strip(decode(chunk, true));
    if (text !== '') yield text;
  }
  if (decoder === undefined) {
    if (head.length === 0) return;
    decoder = decoderOf(sniff(head).encoding);
    const text = strip(decode(head, false));
    if (text !== '') yield text;
    return;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest !== '') yield strip(rest);
}
