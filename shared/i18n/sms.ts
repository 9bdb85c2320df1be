/**
 * How many SMS segments a text costs, and how to make a text fit the fewest. A text of GSM 03.38
 * characters goes as GSM-7: 160 septets in one segment, 153 per part of a concatenated message (the rest
 * of each part carries the concatenation header), a character of the extension table (`€ ^ { } [ ] ~ \ |`
 * and form feed) costing two. Any other character makes the whole text UCS-2: 70 UTF-16 code units in one
 * segment, 67 per part. A part never splits an escape pair or a surrogate pair, as phones would not.
 */

/** The GSM 03.38 default alphabet (without the escape character itself). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The GSM 03.38 extension table: each is sent as an escape and the character, two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  /** Segments the text is sent as; 0 for an empty text. */
  readonly segments: number;
}

const LIMITS: Readonly<Record<SmsEncoding, { readonly single: number; readonly part: number }>> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** True when every character of `text` is in the GSM 03.38 alphabet or its extension table. */
export const isGsm7 = (text: string): boolean => {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENSION.has(char)) return false;
  return true;
};

/**
 * The encoding, length and number of segments of an SMS text.
 *
 * @example
 * smsLength('a'.repeat(160)).segments; // 1
 * smsLength('a'.repeat(161)).segments; // 2
 * smsLength('风'.repeat(71)).segments; // 2
 * smsLength('€').units; // 2
 */
export const smsLength = (text: string): SmsLength => {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const costs: number[] = [];
  for (const char of text) {
    costs.push(encoding === 'GSM-7' ? (GSM_EXTENSION.has(char) ? 2 : 1) : char.length);
  }
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { single, part } = LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
};

/** The segments an SMS text needs. @example smsSegments('€'.repeat(80)); // 1 */
export const smsSegments = (text: string): number => smsLength(text).segments;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Vietnamese without its diacritics (`Rủi ro ngân sách` → `Rui ro ngan sach`), as Vietnamese SMS are
 * commonly written ("không dấu"): with its tone marks a text is UCS-2 (70 a segment), without them GSM-7
 * (160), and readers are used to it.
 */
export const withoutDiacritics = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

/** What an SMS is made of: the text before a part that may be cut, that part, and the text after it. */
export interface SmsParts {
  readonly head: string;
  /** Shortened (whole characters, with an ellipsis) when the message would need more segments. */
  readonly cuttable: string;
  readonly tail: string;
}

/**
 * The longest of `variants` (tried in order, the fullest first) that needs no more segments than the last,
 * shortest one: a variant's `cuttable` part is cut to fit, and a variant is dropped when even its first few
 * characters do not fit. The last variant is the floor (what must be said whole, e.g. the level and the
 * link); it is returned as is, whatever it costs, so a caller can say how many segments that is.
 *
 * @example
 * fitSms([{ head: '[RED] ', cuttable: 'a long subject', tail: ' https://x/cases/1' }, { head: '[RED]', cuttable: '', tail: ' https://x/cases/1' }]);
 */
export const fitSms = (variants: readonly [SmsParts, ...SmsParts[]]): string => {
  const floor = variants[variants.length - 1] as SmsParts;
  const floorText = `${floor.head}${floor.cuttable}${floor.tail}`;
  const budget = Math.max(1, smsSegments(floorText));
  for (const variant of variants.slice(0, -1)) {
    const whole = `${variant.head}${variant.cuttable}${variant.tail}`;
    if (smsSegments(whole) <= budget) return whole;
    const fitted = cutToFit(variant, budget);
    if (fitted !== undefined) return fitted;
  }
  return floorText;
};

/** Fewer characters than this of a cut part say nothing: the next, shorter variant is better. */
const MIN_KEPT = 4;

/** The variant with its cuttable part cut to the longest prefix that fits `budget` segments, if any. */
const cutToFit = (variant: SmsParts, budget: number): string | undefined => {
  const pieces = Array.from(graphemes.segment(variant.cuttable), (piece) => piece.segment);
  const ellipsis = isGsm7(`${variant.head}${variant.cuttable}${variant.tail}`) ? '...' : '…';
  const text = (kept: number): string =>
    `${variant.head}${pieces.slice(0, kept).join('').trimEnd()}${ellipsis}${variant.tail}`;
  // Segments grow with the prefix kept, so the longest prefix that fits is found by bisection.
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (smsSegments(text(middle)) <= budget) low = middle;
    else high = middle - 1;
  }
  return low >= MIN_KEPT && smsSegments(text(low)) <= budget ? text(low) : undefined;
};
