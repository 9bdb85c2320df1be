import { useState } from 'preact/hooks';
import { LANGUAGE_NAMES } from '../format.ts';
import { segmentsOf } from '../highlight.ts';
import type { AdCopy, Finding } from '../types.ts';

const LANG_TAGS: Readonly<Record<string, string>> = { zh: 'zh-Hans', vi: 'vi', en: 'en' };

/**
 * The ad copy with every evidence span highlighted in place and numbered after its finding, or — "As
 * submitted" — the exact text, untouched, in its own language (so the right CJK or Vietnamese glyphs are
 * chosen).
 */
export const CopyText = ({ copy, findings }: { copy: AdCopy; findings: readonly Finding[] }) => {
  const [view, setView] = useState<'highlighted' | 'submitted'>('highlighted');
  const lang = LANG_TAGS[copy.lang] ?? copy.lang;
  const segments = segmentsOf(copy.text, findings);
  return (
    <section class="copy" aria-label="Ad copy">
      <div class="copy-toolbar">
        <span class="copy-lang">
          {LANGUAGE_NAMES[copy.lang] ?? copy.lang} · {copy.text.length} characters
        </span>
        <fieldset class="segmented">
          <legend class="visually-hidden">Text view</legend>
          <button type="button" aria-pressed={view === 'highlighted'} onClick={() => setView('highlighted')}>
            Highlighted
          </button>
          <button type="button" aria-pressed={view === 'submitted'} onClick={() => setView('submitted')}>
            As submitted
          </button>
        </fieldset>
      </div>
      {view === 'highlighted' ? (
        <p class="copy-text" lang={lang} data-testid="copy-highlighted">
          {segments.map((segment) =>
            segment.findings.length === 0 ? (
              segment.text
            ) : (
              <mark
                key={segment.start}
                class={`evidence level-${findings[segment.findings[0] ?? 0]?.level ?? 'yellow'}`}
                title={segment.findings.map((index) => findings[index]?.ruleId ?? '').join(', ')}
              >
                {segment.text}
                <sup class="evidence-ref">
                  <span class="visually-hidden"> (finding </span>
                  {segment.findings.map((i) => i + 1).join(',')}
                  <span class="visually-hidden">)</span>
                </sup>
              </mark>
            ),
          )}
        </p>
      ) : (
        <pre class="copy-text copy-plain" lang={lang} data-testid="copy-submitted">
          {copy.text}
        </pre>
      )}
    </section>
  );
};

/** One finding of a copy: the rule, why, the law it rests on, the phrase, and a compliant rewrite. */
export const FindingCard = ({ finding, index, text }: { finding: Finding; index: number; text?: string }) => (
  <li class={`finding level-border-${finding.level}`}>
    <div class="finding-head">
      <span class="finding-number" aria-hidden="true">
        {index + 1}
      </span>
      <code class="rule">{finding.ruleId}</code>
      <span class={`badge level-${finding.level}`}>
        <span class="dot" aria-hidden="true" />
        {finding.level}
      </span>
    </div>
    <p class="finding-message">{finding.message}</p>
    <dl class="finding-facts">
      {finding.evidence !== undefined && finding.evidence.length > 0 && (
        <div>
          <dt>Phrase</dt>
          <dd>
            {finding.evidence.map((evidence) => (
              <span key={evidence.start} class="phrase" lang={undefined}>
                “{text === undefined ? evidence.text : text.slice(evidence.start, evidence.end)}”
                <span class="muted">
                  {' '}
                  at {evidence.start}–{evidence.end}
                </span>
              </span>
            ))}
          </dd>
        </div>
      )}
      {finding.basis !== undefined && (
        <div>
          <dt>Legal basis</dt>
          <dd>{finding.basis}</dd>
        </div>
      )}
      {finding.suggestion !== undefined && (
        <div>
          <dt>Suggested rewrite</dt>
          <dd>{finding.suggestion}</dd>
        </div>
      )}
      {finding.exception !== undefined && (
        <div>
          <dt>Exception</dt>
          <dd>
            Allowed by exception <code>{finding.exception.id}</code> until{' '}
            {new Date(finding.exception.expiresAt).toLocaleDateString()}
          </dd>
        </div>
      )}
    </dl>
  </li>
);
