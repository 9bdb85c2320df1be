/**
 * The domain's words as people read them, in English (the source): levels, risk types, and the
 * probability and impact labels of the shipped and the usual matrices (a manager's own labels are shown as
 * written). One owner for the web app, the CLI and the notifications.
 */
export const VOCABULARY_EN = {
  'level.red': 'Red',
  'level.yellow': 'Yellow',
  'level.green': 'Green',
  'riskType.budget': 'Budget',
  'riskType.channel': 'Channel',
  'riskType.reputation': 'Reputation',
  'riskType.compliance': 'Compliance',
  // What a case is about, from its subject's parts (shared/domain/case.ts Subject)
  'subject.spend': 'campaign {campaignId} on {channel}',
  'subject.sentiment': '{brand} on {channel}',
  'subject.sentimentProduct': '{brand} {product} on {channel}',
  'subject.adCopy': '{brand} ad copy {copyId} ({market})',
  'grade.low': 'Low',
  'grade.medium': 'Medium',
  'grade.high': 'High',
  'grade.minor': 'Minor',
  'grade.moderate': 'Moderate',
  'grade.severe': 'Severe',
  'grade.rare': 'Rare',
  'grade.unlikely': 'Unlikely',
  'grade.possible': 'Possible',
  'grade.likely': 'Likely',
  'grade.almost-certain': 'Almost certain',
  'grade.insignificant': 'Insignificant',
  'grade.major': 'Major',
  'grade.catastrophic': 'Catastrophic',
} as const;

export type VocabularyId = keyof typeof VOCABULARY_EN;
