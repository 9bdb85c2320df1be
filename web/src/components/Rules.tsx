import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { humanize, LANGUAGE_NAMES } from '../format.ts';
import { useResource } from '../hooks.ts';
import type { PackSummary, RuleSummary } from '../types.ts';
import { EmptyState, ErrorNotice, Loading, PageTitle } from './common.tsx';

const KIND_LABELS: Readonly<Record<RuleSummary['kind'], string>> = {
  claim: 'Banned claim',
  'required-content': 'Required content',
};

const listOf = (values: readonly string[] | 'all', all: string): string =>
  values === 'all' ? all : values.join(', ');

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
      <p class="muted">None given.</p>
    ) : (
      <ul>
        {texts.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    )}
  </div>
);

const Rule = ({ rule, language }: { rule: RuleSummary; language: string }) => (
  <article class="rule panel" data-rule-id={rule.id} aria-labelledby={`rule-${rule.id}`}>
    <header class="rule-head">
      <h3 id={`rule-${rule.id}`}>
        <code>{rule.id}</code>
      </h3>
      <span class="badge">{KIND_LABELS[rule.kind]}</span>
      <span class="muted">
        probability {humanize(String(rule.probability))} × impact {humanize(String(rule.impact))}
      </span>
    </header>
    <p class="rule-message">{rule.message}</p>
    <dl class="facts rule-facts">
      <div>
        <dt>Markets</dt>
        <dd>{listOf(rule.markets, 'every market')}</dd>
      </div>
      <div>
        <dt>Categories</dt>
        <dd>
          {listOf(rule.categories, 'every category')}
          {rule.exceptCategories !== undefined && rule.exceptCategories.length > 0
            ? `, except ${rule.exceptCategories.join(', ')}`
            : ''}
        </dd>
      </div>
      <div>
        <dt>Legal basis</dt>
        <dd lang={language === 'en' ? undefined : language}>{rule.basis}</dd>
      </div>
      <div>
        <dt>Write instead</dt>
        <dd lang={language === 'en' ? undefined : language}>{rule.suggestion}</dd>
      </div>
    </dl>
    <details class="rule-patterns">
      <summary>
        {rule.kind === 'claim' ? 'Phrases it flags' : 'Wordings that satisfy it'} ({rule.patterns.length})
      </summary>
      <ul lang={language}>
        {rule.patterns.map((pattern) => (
          <li key={pattern}>
            <code>{pattern}</code>
          </li>
        ))}
      </ul>
      <p class="hint">
        <code>{'{a|b}'}</code> stands for either wording. Traditional characters, full-width letters, spacing
        and missing Vietnamese diacritics are matched too.
      </p>
    </details>
    <div class="rule-example-grid" lang={language}>
      <Examples
        title={rule.kind === 'claim' ? 'Flags' : 'Flags (lacks the content)'}
        texts={rule.examples.positive}
        kind="positive"
      />
      <Examples title="Leaves alone" texts={rule.examples.negative} kind="negative" />
    </div>
  </article>
);

const Pack = ({ pack, filter }: { pack: PackSummary; filter: string }) => {
  const rules = pack.rules.filter((rule) => matches(rule, filter));
  if (rules.length === 0) return null;
  return (
    <section class="rule-pack" aria-labelledby={`pack-${pack.id}`} data-pack-id={pack.id}>
      <h2 id={`pack-${pack.id}`}>
        {pack.title} <span class="badge">{pack.version}</span>{' '}
        <span class="count" title="rules shown">
          {rules.length}
        </span>
      </h2>
      <p class="muted">{LANGUAGE_NAMES[pack.language] ?? pack.language} copy</p>
      {rules.map((rule) => (
        <Rule key={rule.id} rule={rule} language={pack.language} />
      ))}
    </section>
  );
};

/** The rule packs in force, read-only: what each rule flags, why, what to write instead, its examples. */
export const Rules = () => {
  const { api } = useApp();
  const rules = useResource(() => api.rules(), [api]);
  const [filter, setFilter] = useState('');
  const packs = rules.data?.packs ?? [];
  const shown = packs.flatMap((pack) => pack.rules.filter((rule) => matches(rule, filter)));

  return (
    <>
      <PageTitle>Rules in force</PageTitle>
      <p class="lede">
        The claim rules every ad copy is checked against, with the law behind each, the rewrite to suggest,
        and the examples it is tested with.
        {rules.data !== undefined && (
          <>
            {' '}
            Version <code>{rules.data.rulesVersion}</code>.
          </>
        )}
      </p>
      {rules.error !== undefined && (
        <ErrorNotice error={rules.error} context="The rules could not be loaded." retry={rules.refresh} />
      )}
      {rules.loading && rules.data === undefined ? (
        <Loading what="the rules" />
      ) : (
        rules.data !== undefined && (
          <>
            <div class="field field-inline rule-filter">
              <label for="rule-filter">Find a rule</label>
              <input
                id="rule-filter"
                type="search"
                value={filter}
                placeholder="rule id, phrase or wording, e.g. 最佳"
                onInput={(event) => setFilter(event.currentTarget.value)}
              />
              <span class="muted" aria-live="polite">
                {shown.length} of {packs.reduce((sum, pack) => sum + pack.rules.length, 0)} rules
              </span>
            </div>
            {shown.length === 0 ? (
              <EmptyState title="No rule mentions that.">Try a shorter phrase or a rule id.</EmptyState>
            ) : (
              packs.map((pack) => <Pack key={pack.id} pack={pack} filter={filter} />)
            )}
          </>
        )
      )}
    </>
  );
};
