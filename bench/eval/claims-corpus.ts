import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

/**
 * The claim-detection development corpus (`test/fixtures/claims/corpus/*.jsonl`, format in its README):
 * ad copy labelled from the law, one case a line. `npm run eval` measures the engine against it; `npm test`
 * checks that every file is well formed (`test/unit/eval/claims-corpus.test.ts`).
 */

export const CORPUS_DIR = join(import.meta.dirname, '../../test/fixtures/claims/corpus');
export const CORPUS_FILES = ['zh.jsonl', 'vi.jsonl', 'en.jsonl'] as const;

export const EXPECTATIONS = ['violation', 'advisory', 'clean'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

export const CorpusCaseSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/, 'id must look like <lang>-<area>-<nnn>'),
    lang: z.enum(['zh', 'vi', 'en']),
    market: z.string().regex(/^[A-Z]{2}$/),
    category: z.string().min(1),
    text: z.string().min(1),
    expect: z.enum(EXPECTATIONS),
    area: z.string().regex(/^[a-z0-9-]+$/),
    evidence: z.array(z.string().min(1)),
    basis: z.string().min(1),
    note: z.string().optional(),
  })
  .superRefine((item, context) => {
    for (const [index, evidence] of item.evidence.entries())
      if (!item.text.includes(evidence))
        context.addIssue({
          code: 'custom',
          path: ['evidence', index],
          message: `"${evidence}" is not in text`,
        });
    if (item.expect === 'clean' && item.evidence.length > 0)
      context.addIssue({ code: 'custom', path: ['evidence'], message: 'a clean case has no evidence' });
    if (item.expect !== 'clean' && item.evidence.length === 0)
      context.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: `a ${item.expect} case needs evidence`,
      });
  });
export type CorpusCase = z.infer<typeof CorpusCaseSchema>;

/** A corpus file's cases, and what is wrong with any line (`file:line: path: message`). */
export interface CorpusFile {
  readonly cases: CorpusCase[];
  readonly issues: string[];
}

export const parseCorpus = (file: string, content: string): CorpusFile => {
  const cases: CorpusCase[] = [];
  const issues: string[] = [];
  for (const [index, line] of content.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      issues.push(`${where}: not JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = CorpusCaseSchema.safeParse(json);
    if (parsed.success) cases.push(parsed.data);
    else
      issues.push(
        ...parsed.error.issues.map(
          (issue) => `${where}: ${issue.path.join('.') || '(case)'}: ${issue.message}`,
        ),
      );
  }
  return { cases, issues };
};

/** Every corpus file that exists, with the duplicate ids across files added to the issues. */
export const loadCorpus = async (): Promise<CorpusFile> => {
  const cases: CorpusCase[] = [];
  const issues: string[] = [];
  for (const file of CORPUS_FILES) {
    let content: string;
    try {
      content = await readFile(join(CORPUS_DIR, file), 'utf8');
    } catch {
      continue;
    }
    const parsed = parseCorpus(file, content);
    cases.push(...parsed.cases);
    issues.push(...parsed.issues);
  }
  const seen = new Set<string>();
  for (const item of cases) {
    if (seen.has(item.id)) issues.push(`id ${item.id} is used twice`);
    seen.add(item.id);
  }
  return { cases, issues };
};
