import type { RiskCase } from '#shared/domain/case.ts';
import type { CaseReader, Clock, DigestNotifier } from '#shared/ports.ts';

export interface DigestDependencies {
  readonly reader: Pick<CaseReader, 'listCases'>;
  readonly notifier: DigestNotifier;
  readonly clock: Clock;
}

const DAY_MS = 86_400_000;

/**
 * One message summarising the yellow cases opened in the last 24 hours: yellow is attention, not a page.
 * Nothing is sent on a quiet day.
 */
export const sendDigest = async (
  deps: DigestDependencies,
  level: string,
): Promise<{ sent: boolean; cases: number }> => {
  const until = deps.clock.now();
  const since = new Date(until.getTime() - DAY_MS);
  const cases: RiskCase[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.listCases({
      level,
      from: since.toISOString(),
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
    cases.push(...page.items.filter((item) => Date.parse(item.createdAt) >= since.getTime()));
    cursor = page.cursor;
  } while (cursor !== undefined);
  if (cases.length === 0) return { sent: false, cases: 0 };
  await deps.notifier.publishDigest({ since: since.toISOString(), until: until.toISOString(), cases });
  return { sent: true, cases: cases.length };
};
