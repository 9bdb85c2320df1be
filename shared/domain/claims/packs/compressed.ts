import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';

/**
 * Text that `npm run packs` ships inside the functions' bundles: Brotli-compressed, then written in base85
 * with 85 characters that neither JSON nor a JavaScript string literal escapes (no quote, backslash, `$`,
 * `<` or space), so the bundle holds 5 characters per 4 bytes where base64 needs 5⅓.
 */
export interface CompressedText {
  readonly encoding: 'base85';
  /** The length of the Brotli stream in bytes (the last group of 4 is padded). */
  readonly bytes: number;
  readonly brotli: string;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#%&()*+,-.:;=?@[]^_{|}';
const BASE = 85;

let digits: Uint8Array | undefined;
const digitOf = (code: number): number => {
  if (digits === undefined) {
    digits = new Uint8Array(128).fill(0xff);
    for (let k = 0; k < ALPHABET.length; k++) digits[ALPHABET.charCodeAt(k)] = k;
  }
  const digit = digits[code] ?? 0xff;
  if (digit === 0xff) throw new RangeError(`Not a base85 character: ${String.fromCharCode(code)}`);
  return digit;
};

/**
 * Bytes as base85 text, 5 characters per group of 4 (big-endian).
 *
 * @example
 * encodeBase85(Uint8Array.of(0, 0, 0, 0)); // '00000'
 */
export const encodeBase85 = (bytes: Uint8Array): string => {
  let text = '';
  for (let k = 0; k < bytes.length; k += 4) {
    let value = (((bytes[k] ?? 0) << 24) | ((bytes[k + 1] ?? 0) << 16) | ((bytes[k + 2] ?? 0) << 8)) >>> 0;
    value += bytes[k + 3] ?? 0;
    let group = '';
    for (let d = 0; d < 5; d++) {
      group = ALPHABET.charAt(value % BASE) + group;
      value = Math.floor(value / BASE);
    }
    text += group;
  }
  return text;
};

/**
 * The `length` bytes that `encodeBase85` wrote as `text`.
 *
 * @example
 * decodeBase85(encodeBase85(Uint8Array.of(1, 2, 3)), 3); // Uint8Array [1, 2, 3]
 */
export const decodeBase85 = (text: string, length: number): Uint8Array => {
  if (text.length % 5 !== 0 || text.length / 5 < Math.ceil(length / 4)) {
    throw new RangeError(`${text.length} base85 characters cannot hold ${length} bytes`);
  }
  const bytes = new Uint8Array(Math.ceil(length / 4) * 4);
  for (let k = 0, at = 0; at < bytes.length; k += 5, at += 4) {
    let value = 0;
    for (let d = 0; d < 5; d++) value = value * BASE + digitOf(text.charCodeAt(k + d));
    if (value > 0xffffffff) throw new RangeError(`Base85 group ${k / 5} overflows 32 bits`);
    bytes[at] = value >>> 24;
    bytes[at + 1] = (value >>> 16) & 0xff;
    bytes[at + 2] = (value >>> 8) & 0xff;
    bytes[at + 3] = value & 0xff;
  }
  return bytes.subarray(0, length);
};

/**
 * Compresses a text for a bundle (`npm run packs` only: the functions import `decompressText`).
 *
 * @example
 * decompressText(compressText('最佳')); // '最佳'
 */
export const compressText = (text: string): CompressedText => {
  const compressed = brotliCompressSync(Buffer.from(text, 'utf8'), {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
      [zlibConstants.BROTLI_PARAM_LGWIN]: 24,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
  return { encoding: 'base85', bytes: compressed.length, brotli: encodeBase85(compressed) };
};

/**
 * The text `compressText` compressed. Pure computation, a few milliseconds for the packs.
 *
 * @example
 * decompressText(compressText('tốt nhất')); // 'tốt nhất'
 */
export const decompressText = ({ bytes, brotli }: Pick<CompressedText, 'bytes' | 'brotli'>): string =>
  brotliDecompressSync(decodeBase85(brotli, bytes)).toString('utf8');
