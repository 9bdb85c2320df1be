import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { useResource } from '../hooks.ts';
import { Rich, useFormat, useT } from '../i18n/index.tsx';
import type { PackSummary, RuleSummary } from '../types.ts';
import { EmptyState, ErrorNotice, Loading, PageTitle } from './common.tsx';

const KIND_IDS = {
  claim: 'policies.rules.kind.claim',
  'required-content': 'policies.rules.kind.requiredContent',
} as const satisfies Record<RuleSummary['kind'], string>;

const listOf = (values: readonly string[] | 'all', all: string): string =>
  values === 'all' ? all : values.join(', ');

/** A rule's grade as written in its pack: a grade word in the reader's language, a score as a number. */
const gradeOf = (format: ReturnType<typeof useFormat>, value: string | number): string =>
  typeof value === 'number' ? format.number(value) : format.grade(value);

/** Whether a rule mentions the filter text anywhere legal would look: id, wording, phrases, examples. */
const matches = (rule: RuleSummary, filter: string): boolean => {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [
    rule.id,
    rule.message,
    rule.basis,
    rule.suggestion,
    ...rule.patterns,
    ...rule.examples.positive,
    ...rule.examples.negative,
  ].some((text) => text.toLowerCase().includes(needle));
};

const Examples = ({ title, texts, kind }: { title: string; texts: readonly string[]; kind: string }) => (
  <div class={`rule-examples rule-examples-${kind}`}>
    <h4>{title}</h4>
    {texts.length === 0 ? (
      <p class="muted">{useT()('policies.rules.noExamples')}</p>
    ) : (
      <ul>
        {texts.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    )}
  </div>
);

const Rule = ({ rule, language }: { rule: RuleSummary; language: string }) => {
  const t = useT();
  const format = useFormat();
  return (
    <article class="rule panel" data-rule-id={rule.id} aria-labelledby={`rule-${rule.id}`}>
      <header class="rule-head">
        <h3 id={`rule-${rule.id}`}>
          <code>{rule.id}</code>
        </h3>
        <span class="badge">{t(KIND_IDS[rule.kind])}</span>
        <span class="muted">
          {t('policies.rules.grades', {
            probability: gradeOf(format, rule.probability),
            impact: gradeOf(format, rule.impact),
          })}
        </span>
      </header>
      {/* The API answers message and suggestion in the language the app asks for (Accept-Language). */}
      <p class="rule-message">{rule.message}</p>
      <dl class="facts rule-facts">
        <div>
          <dt>{t('policies.rules.markets')}</dt>
          <dd>{listOf(rule.markets, t('policies.rules.everyMarket'))}</dd>
        </div>
        <div>
          <dt>{t('policies.rules.categories')}</dt>
          <dd>
            {rule.exceptCategories !== undefined && rule.exceptCategories.length > 0
              ? t('policies.rules.except', {
                  categories: listOf(rule.categories, t('policies.rules.everyCategory')),
                  excepted: rule.exceptCategories.join(', '),
                })
              : listOf(rule.categories, t('policies.rules.everyCategory'))}
          </dd>
        </div>
        <div>
          <dt>{t('policies.rules.basis')}</dt>
          <dd lang={language === 'en' ? undefined : language}>{rule.basis}</dd>
        </div>
        <div>
          <dt>{t('policies.rules.suggestion')}</dt>
          <dd>{rule.suggestion}</dd>
        </div>
      </dl>
      <details class="rule-patterns">
        <summary>
          {t(rule.kind === 'claim' ? 'policies.rules.phrasesClaim' : 'policies.rules.phrasesRequired', {
            n: rule.patterns.length,
          })}
        </summary>
        <ul lang={language}>
          {rule.patterns.map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
            </li>
          ))}
        </ul>
        <p class="hint">{t('policies.rules.phrasesHint')}</p>
      </details>
      <div class="rule-example-grid" lang={language}>
        <Examples
          title={t(rule.kind === 'claim' ? 'policies.rules.flags' : 'policies.rules.flagsRequired')}
          texts={rule.examples.positive}
          kind="positive"
        />
        <Examples title={t('policies.rules.leavesAlone')} texts={rule.examples.negative} kind="negative" />
      </div>
    </article>
  );
};

const Pack = ({ pack, filter }: { pack: PackSummary; filter: string }) => {
  const t = useT();
  const rules = pack.rules.filter((rule) => matches(rule, filter));
  if (rules.length === 0) return null;
  return (
    <section class="rule-pack" aria-labelledby={`pack-${pack.id}`} data-pack-id={pack.id}>
      <h2 id={`pack-${pack.id}`}>
        {pack.title} <span class="badge">{pack.version}</span>{' '}
        <span class="count" title={t('policies.rules.shownInPack')}>
          {rules.length}
        </span>
      </h2>
      <p class="muted">{t('policies.rules.packLanguage', { language: pack.language })}</p>
      {rules.map((rule) => (
        <Rule key={rule.id} rule={rule} language={pack.language} />
      ))}
    </section>
  );
};

/** The rule packs in force, read-only: what each rule flags, why, what to write instead, its examples. */
export const Rules = () => {
  const { api } = useApp();
  const t = useT();
  const rules = useResource(() => api.rules(), [api]);
  const [filter, setFilter] = useState('');
  const packs = rules.data?.packs ?? [];
  const shown = packs.flatMap((pack) => pack.rules.filter((rule) => matches(rule, filter)));

  return (
    <>
      <PageTitle>{t('policies.rules.title')}</PageTitle>
      <p class="lede">
        {t('policies.rules.lede')}
        {rules.data !== undefined && (
          <>
            {' '}
            <Rich
              id="policies.rules.version"
              elements={{ version: <code>{rules.data.rulesVersion}</code> }}
            />
          </>
        )}
      </p>
      {rules.error !== undefined && (
        <ErrorNotice error={rules.error} context={t('policies.rules.failed')} retry={rules.refresh} />
      )}
      {rules.loading && rules.data === undefined ? (
        <Loading what={t('policies.rules.loading')} />
      ) : (
        rules.data !== undefined && (
          <>
            <div class="field field-inline rule-filter">
              <label for="rule-filter">{t('policies.rules.find')}</label>
              <input
                id="rule-filter"
                type="search"
                value={filter}
                placeholder={t('policies.rules.findPlaceholder')}
                onInput={(event) => setFilter(event.currentTarget.value)}
              />
              <span class="muted" aria-live="polite">
                {t('policies.rules.shown', {
                  n: shown.length,
                  total: packs.reduce((sum, pack) => sum + pack.rules.length, 0),
                })}
              </span>
            </div>
            {shown.length === 0 ? (
              <EmptyState title={t('policies.rules.nothingFound')}>
                {t('policies.rules.nothingFoundHint')}
              </EmptyState>
            ) : (
              packs.map((pack) => <Pack key={pack.id} pack={pack} filter={filter} />)
            )}
          </>
        )
      )}
    </>
  );
};
