import * as z from 'zod';
import type { SearchPage } from '#shared/use-cases/search-cases.ts';
import { CaseListSchema } from './cases.ts';
import type { Tied } from './tie.ts';

/**
 * `GET /v1/cases`: a page of cases; with `q`, the search's page, which may say it is partial (README
 * "Search").
 */
export const CaseSearchPageSchema = CaseListSchema.extend({
  partial: z.boolean().optional().meta({
    description:
      'A word of the search is in too many cases to read all of them: the cases shown match, others may too. Add a filter or a rarer word.',
  }),
  hint: z.string().optional().meta({ description: 'What to do about a partial answer (English).' }),
}).meta({ id: 'CaseSearchPage' });
true satisfies Tied<typeof CaseSearchPageSchema, SearchPage>;
