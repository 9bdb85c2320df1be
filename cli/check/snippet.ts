import type { Evidence } from '#shared/schemas/assessment.ts';

/** Where a phrase sits in the copy, for a person: 1-based line and column (in characters). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A line of the copy cut around a phrase, split so the phrase can be highlighted. */
export interface Snippet {
  readonly before: string;
  readonly phrase: string;
  readonly after: string;
  readonly position: Position;
}

/** Characters of context kept on each side of the phrase. */
const CONTEXT = 30;
const ELLIPSIS = '…';

const isLowSurrogate = (text: string, index: number): boolean => {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
};

/** Moves an offset off the second half of a surrogate pair so no emoji or rare Han character is cut. */
const safe = (text: string, index: number): number => (isLowSurrogate(text, index) ? index - 1 : index);

/**
 * The line holding an evidence span, clipped to about 30 characters either side, with the span's
 * position. Offsets are UTF-16 (as the engine reports them); columns count characters.
 *
 * @example
 * snippetOf('全网最佳美白精华', { text: '最佳', start: 2, end: 4 })
 * // { before: '全网', phrase: '最佳', after: '美白精华', position: { line: 1, column: 3 } }
 */
export const snippetOf = (text: string, evidence: Evidence): Snippet => {
  const lineStart = text.lastIndexOf('\n', evidence.start - 1) + 1;
  const newline = text.indexOf('\n', evidence.end);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(0, lineStart).split('\n').length;
  const column = [...text.slice(lineStart, evidence.start)].length + 1;

  const from = safe(text, Math.max(lineStart, evidence.start - CONTEXT));
  const to = safe(text, Math.min(lineEnd, evidence.end + CONTEXT));
  const before = text.slice(from, evidence.start).replace(/\r$/, '');
  const after = text.slice(evidence.end, to).replace(/\r$/, '');
  return {
    before: (from > lineStart ? ELLIPSIS : '') + before.replace(/^\s+/, ''),
    phrase: text.slice(evidence.start, evidence.end),
    after: after.replace(/\s+$/, '') + (to < lineEnd ? ELLIPSIS : ''),
    position: { line, column },
  };
};
