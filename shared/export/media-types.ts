/**
 * The media types of the exports, in one place: the handlers answer with them, and infra registers the PDF's
 * as a binary media type of the REST API (API Gateway then turns the handler's base64 body back into bytes
 * for a request whose `Accept` names it).
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export const PDF_CONTENT_TYPE = 'application/pdf';

/** What API Gateway must pass as bytes, not text. */
export const BINARY_MEDIA_TYPES = [PDF_CONTENT_TYPE] as const;

/**
 * Why an export may be incomplete (`x-export-truncated`, and its last line): its row cap, its size cap, the
 * time the function has left, or a search word too common to read every match of (`partial`).
 */
export const TRUNCATION_REASONS = ['rows', 'bytes', 'time', 'partial'] as const;
export type TruncationReason = (typeof TRUNCATION_REASONS)[number];
