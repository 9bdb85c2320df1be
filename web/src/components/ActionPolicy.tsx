import { useEffect, useState } from 'preact/hooks';
import { type ActionsPolicy, ActionsPolicySchema } from '../../../shared/domain/actions.ts';
import { RISK_TYPES } from '../../../shared/domain/finding.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { zodIssues } from '../policy-edit.ts';
import type { FieldIssue } from '../types.ts';
import { DraftActions, PolicyFrame, PublishForm, TestResults, usePolicyEditor } from './Policies.tsx';
import { PolicyHistory } from './PolicyHistory.tsx';

/** The form holds the text as typed; a document that is not JSON yet is this marker, never saved. */
const NOT_JSON = Symbol('not JSON');
type Draft = ActionsPolicy | typeof NOT_JSON;

const checkActions = (document: Draft): FieldIssue[] => {
  if (document === NOT_JSON) return [{ path: '', message: 'must be JSON' }];
  const result = ActionsPolicySchema.safeParse(document);
  return result.success ? [] : zodIssues(result.error.issues);
};

/** `/policies/actions`: managers write each risk type's guarded actions as JSON, checked as they type. */
export const ActionPolicy = () => {
  const t = useT();
  const format = useFormat();
  const editor = usePolicyEditor<Draft>(
    'actions',
    (active, draft) => (draft?.document ?? active.document) as ActionsPolicy,
    checkActions,
  );
  const [text, setText] = useState<string | undefined>(undefined);
  const document = editor.document;
  // The text follows the document when it is (re)loaded, not while the person types.
  useEffect(() => {
    if (document !== undefined && document !== NOT_JSON && (text === undefined || !editor.dirty))
      setText(JSON.stringify(document, null, 2));
  }, [document, editor.generation]);
  const shown = document === undefined || document === NOT_JSON ? {} : document;
  const rows = RISK_TYPES.flatMap((riskType) => (shown[riskType] ?? []).map((rule) => ({ riskType, rule })));

  return (
    <PolicyFrame editor={editor}>
      <section class="panel policy-editor" aria-labelledby="actions-policy-title">
        <h2 id="actions-policy-title">{t('actions.policy.title')}</h2>
        <p class="hint">{t('actions.policy.help')}</p>
        <div class="table-wrap">
          <table class="table" data-testid="actions-policy-rules">
            <thead>
              <tr>
                <th scope="col">{t('actions.policy.riskType')}</th>
                <th scope="col">{t('actions.policy.action')}</th>
                <th scope="col">{t('actions.policy.level')}</th>
                <th scope="col">{t('actions.policy.approval')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={4}>{t('actions.policy.none')}</td>
                </tr>
              ) : (
                rows.map(({ riskType, rule }) => (
                  <tr key={`${riskType}.${rule.kind}.${rule.atLevel}`}>
                    <td>{format.riskType(riskType)}</td>
                    <td>
                      {t(`actions.kind.${rule.kind}`)}
                      {rule.amount !== undefined && ` — ${t('actions.cap.amount', { amount: rule.amount })}`}
                      {rule.ratioOfPlan !== undefined &&
                        ` — ${t('actions.cap.ratio', { ratio: rule.ratioOfPlan })}`}
                    </td>
                    <td>{format.level(rule.atLevel)}</td>
                    <td>{t(`actions.policy.approval.${rule.approval}`)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {editor.canEdit && (
          <label class="field" for="actions-policy-json">
            <span class="label">{t('actions.policy.document')}</span>
            <textarea
              id="actions-policy-json"
              rows={12}
              spellcheck={false}
              value={text ?? ''}
              aria-invalid={editor.issues.length > 0 ? 'true' : undefined}
              aria-describedby="actions-policy-problems"
              onInput={(event) => {
                const value = event.currentTarget.value;
                setText(value);
                try {
                  editor.setDocument(JSON.parse(value) as ActionsPolicy);
                } catch {
                  editor.setDocument(NOT_JSON);
                }
              }}
            />
          </label>
        )}
        {editor.issues.length > 0 && (
          <ul id="actions-policy-problems" class="form-problem" role="alert">
            {editor.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                {issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`}
              </li>
            ))}
          </ul>
        )}
        <DraftActions editor={editor} />
      </section>
      {editor.testResult !== undefined && <TestResults result={editor.testResult} kind="cases" />}
      <PublishForm editor={editor} />
      <PolicyHistory editor={editor} />
    </PolicyFrame>
  );
};
