/** The copy's evidence runs: one owner, shared with the evidence-pack PDF (shared/export/evidence-pdf.ts). */
export { type Segment, segmentsOf } from '#shared/domain/claims/segments.ts';
