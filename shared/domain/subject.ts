/** What a case is about: the same subject and risk type share one case. */
export interface Subject {
  /** Stable grouping key, e.g. `spend|cmp-1|facebook`. */
  readonly key: string;
  /** How a person names it in English, e.g. `campaign cmp-1 on facebook` (`subjectText` says it in any language). */
  readonly label: string;
  readonly brand?: string;
  readonly product?: string;
  readonly campaignId?: string;
  readonly channel?: string;
  readonly market?: string;
  readonly copyId?: string;
}
