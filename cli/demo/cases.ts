import { CaseListSchema } from '#shared/schemas/cases.ts';
import type { CliIo } from '../io.ts';

/** What the demo shows of a case. */
export interface CaseDigest {
  readonly caseId: string;
  readonly level: string;
  readonly riskType: string;
  readonly subject: string;
  readonly occurrences: number;
}

export type CaseListing =
  | { readonly ok: true; readonly items: readonly CaseDigest[] }
  | { readonly ok: false; readonly reason: string };

/** The most recently seen cases (`GET /v1/cases`), read with a manager's bearer token. */
export const fetchCases = async (io: CliIo, url: string, token: string, limit = 20): Promise<CaseListing> => {
  try {
    const response = await io.fetch(`${url}/v1/cases?limit=${limit}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 401 || response.status === 403) {
      return {
        ok: false,
        reason: `HTTP ${response.status}; set RADAR_MANAGER_TOKEN to the stack's manager token`,
      };
    }
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
    const parsed = CaseListSchema.safeParse(await response.json());
    if (!parsed.success) return { ok: false, reason: 'the answer is not a case list' };
    return {
      ok: true,
      items: parsed.data.items.map((item) => ({
        caseId: item.caseId,
        level: item.level,
        riskType: item.riskType,
        subject: item.subject.label,
        occurrences: item.occurrences,
      })),
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
};
