import { type Principal, scopeOfPrincipal } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { CaseDetail, CaseQuery, CaseReader, Page } from '#shared/ports.ts';

/** `owner=me` in a case query: the caller's own cases. */
export const OWNER_ME = 'me';

/**
 * The case library as a person sees it: only what their scope covers (the reader reads the scoped brands'
 * or markets' indexes), and `owner=me` as their username.
 */
export const listCasesFor = (
  principal: Principal,
  query: Omit<CaseQuery, 'scope'>,
  reader: Pick<CaseReader, 'listCases'>,
): Promise<Page<RiskCase>> => {
  const owner = query.owner === OWNER_ME && principal.kind === 'person' ? principal.username : query.owner;
  return reader.listCases({
    ...query,
    ...(owner === undefined ? {} : { owner }),
    scope: scopeOfPrincipal(principal),
  });
};

/** One case as a person sees it: a case outside their scope is answered exactly as a missing one (404). */
export const caseFor = async (
  principal: Principal,
  caseId: string,
  reader: Pick<CaseReader, 'getCase'>,
): Promise<CaseDetail> => {
  const detail = await reader.getCase(caseId);
  if (detail === undefined || !covers(scopeOfPrincipal(principal), detail.case.subject)) {
    throw new NotFoundError(`No case ${caseId}`);
  }
  return detail;
};
