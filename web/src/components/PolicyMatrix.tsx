import { useState } from 'preact/hooks';
import { RiskMatrixSchema } from '../../../shared/domain/matrix-schema.ts';
import type { PoliciesMessageId } from '../i18n/catalogues/policies/en.ts';
import { describeFieldIn } from '../i18n/catalogues/policy-fields/index.ts';
import { useFormat, useLocale, useT } from '../i18n/index.tsx';
import {
  addImpact,
  addProbability,
  asMatrix,
  cycleCell,
  issuesUnder,
  levelLabel,
  levelTone,
  MATRIX_MAX,
  MATRIX_MIN,
  type MatrixDocument,
  removeImpact,
  removeProbability,
  renameImpact,
  renameProbability,
  zodIssues,
} from '../policy-edit.ts';
import type { FieldIssue } from '../types.ts';
import { DraftActions, PolicyFrame, PublishForm, TestResults, usePolicyEditor } from './Policies.tsx';
import { PolicyHistory } from './PolicyHistory.tsx';

/** The shipped levels' labels (shared/domain/risk-matrix.ts), said in the reader's language. */
const SHIPPED_LABELS: Readonly<Record<string, readonly [string, PoliciesMessageId]>> = {
  green: ['normal', 'policies.matrix.label.green'],
  yellow: ['needs attention', 'policies.matrix.label.yellow'],
  red: ['urgent', 'policies.matrix.label.red'],
};

/** A level's label: a shipped one in the reader's language, one a manager wrote as written. */
const useLevelLabel = (): ((matrix: MatrixDocument, level: string) => string) => {
  const t = useT();
  return (matrix, level) => {
    const label = levelLabel(matrix, level);
    const shipped = SHIPPED_LABELS[level];
    return shipped !== undefined && shipped[0] === label ? t(shipped[1]) : label;
  };
};

/** The matrix in the form: the document less its version, which the server assigns on publish. */
const matrixOf = (value: unknown): MatrixDocument => {
  const matrix = asMatrix(value);
  if (matrix === undefined) throw new Error('The API answered a matrix policy that is not a matrix');
  const { version: _version, ...document } = matrix;
  return document;
};

/**
 * The matrix as the shared schema judges it (the engine and the API use the same): every cell present and
 * naming a level, labels unique, and no level drop — each issue at its path (`cells.high.severe`).
 */
const checkMatrix = (matrix: MatrixDocument): FieldIssue[] => {
  // The form holds no version (the server assigns it on publish); the schema wants one.
  const result = RiskMatrixSchema.safeParse({ version: 'draft', ...matrix });
  return result.success ? [] : zodIssues(result.error.issues);
};

const isCellPath = (path: string): boolean => /^(document\.)?cells\.[^.]+\.[^.]+$/.test(path);

/** An axis label, renamed when the field is left (or Enter pressed), refused while empty or taken. */
const AxisLabel = ({
  value,
  taken,
  label,
  editable,
  onRename,
}: {
  value: string;
  taken: readonly string[];
  label: string;
  editable: boolean;
  onRename: (next: string) => void;
}) => {
  const t = useT();
  const format = useFormat();
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (!editable) return <span class="matrix-axis-text">{format.grade(value)}</span>;
  const commit = (): void => {
    const next = text.trim();
    const problem =
      next === ''
        ? t('policies.matrix.labelEmpty')
        : next !== value && taken.includes(next)
          ? t('policies.matrix.labelTaken')
          : undefined;
    setProblem(problem);
    if (problem === undefined && next !== value) onRename(next);
  };
  return (
    <span class="matrix-axis-edit">
      <input
        type="text"
        value={text}
        aria-label={label}
        aria-invalid={problem !== undefined}
        maxLength={40}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
      {problem !== undefined && (
        <span class="field-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
};

const MatrixGrid = ({
  matrix,
  editable,
  issues,
  onChange,
}: {
  matrix: MatrixDocument;
  editable: boolean;
  issues: readonly FieldIssue[];
  onChange: (next: MatrixDocument) => void;
}) => {
  const t = useT();
  const format = useFormat();
  const labelOf = useLevelLabel();
  const byCell = issuesUnder(issues, 'cells');
  const rows = [...matrix.probabilities].reverse();
  const columns = matrix.impacts;
  return (
    <div
      class="matrix-editor"
      data-testid="matrix-editor"
      data-size={`${matrix.probabilities.length}x${matrix.impacts.length}`}
      style={{ gridTemplateColumns: `minmax(9rem, auto) repeat(${columns.length}, minmax(6.5rem, 1fr))` }}
    >
      <div class="matrix-corner">
        <span>{t('policies.matrix.cornerProbability')}</span>
        <span>{t('policies.matrix.cornerImpact')}</span>
      </div>
      {columns.map((impact, index) => (
        <div key={`i-${index}`} class="matrix-axis matrix-axis-x">
          <AxisLabel
            key={impact}
            value={impact}
            taken={columns}
            label={t('policies.matrix.impactLabel', { n: index + 1 })}
            editable={editable}
            onRename={(next) => onChange(renameImpact(matrix, impact, next))}
          />
          {editable && columns.length > MATRIX_MIN && (
            <button
              type="button"
              class="button button-small button-quiet"
              aria-label={t('policies.matrix.remove', { label: format.grade(impact) })}
              title={t('policies.matrix.remove', { label: format.grade(impact) })}
              onClick={() => onChange(removeImpact(matrix, impact))}
            >
              ×
            </button>
          )}
        </div>
      ))}
      {rows.map((probability) => {
        const rowIndex = matrix.probabilities.indexOf(probability);
        return [
          <div key={`p-${rowIndex}`} class="matrix-axis matrix-axis-y">
            <AxisLabel
              key={probability}
              value={probability}
              taken={matrix.probabilities}
              label={t('policies.matrix.probabilityLabel', { n: rowIndex + 1 })}
              editable={editable}
              onRename={(next) => onChange(renameProbability(matrix, probability, next))}
            />
            {editable && matrix.probabilities.length > MATRIX_MIN && (
              <button
                type="button"
                class="button button-small button-quiet"
                aria-label={t('policies.matrix.remove', { label: format.grade(probability) })}
                title={t('policies.matrix.remove', { label: format.grade(probability) })}
                onClick={() => onChange(removeProbability(matrix, probability))}
              >
                ×
              </button>
            )}
          </div>,
          ...columns.map((impact) => {
            const level = matrix.cells[probability]?.[impact] ?? '';
            const key = `${probability}|${impact}`;
            const messages = [...new Set(byCell.get(`${probability}.${impact}`) ?? [])];
            const problemId = `cell-problem-${rowIndex}-${columns.indexOf(impact)}`;
            const label = t(editable ? 'policies.matrix.cellEditable' : 'policies.matrix.cell', {
              probability: format.grade(probability),
              impact: format.grade(impact),
              level: format.levelShort(level),
              label: labelOf(matrix, level),
            });
            const content = (
              <>
                <span class="matrix-level">{format.levelShort(level)}</span>
                <span class="matrix-level-label">{labelOf(matrix, level)}</span>
                {messages.length > 0 && (
                  <span id={problemId} class="matrix-cell-problem">
                    {messages.join('; ')}
                  </span>
                )}
              </>
            );
            const className = `matrix-cell level-cell-${levelTone(matrix, level)}${messages.length > 0 ? ' has-problem' : ''}`;
            return editable ? (
              <button
                key={key}
                type="button"
                class={className}
                data-cell={`${probability}-${impact}`}
                data-level={level}
                aria-label={label}
                aria-invalid={messages.length > 0}
                aria-describedby={messages.length > 0 ? problemId : undefined}
                onClick={() => onChange(cycleCell(matrix, probability, impact))}
              >
                {content}
              </button>
            ) : (
              <div key={key} class={className} data-cell={`${probability}-${impact}`} data-level={level}>
                <span class="visually-hidden">{label}</span>
                <span aria-hidden="true">{content}</span>
              </div>
            );
          }),
        ];
      })}
    </div>
  );
};

/** `/policies/matrix`: managers edit the probability × impact grid (3×3 to 5×5), test it on recent cases, publish. */
export const PolicyMatrix = () => {
  const editor = usePolicyEditor<MatrixDocument>(
    'matrix',
    (active, draft) => matrixOf(draft?.effective ?? draft?.document ?? active.effective ?? active.document),
    checkMatrix,
  );
  const t = useT();
  const locale = useLocale();
  const labelOf = useLevelLabel();
  const matrix = editor.document;
  // Issues of the axes and levels (a label twice, an empty one): listed under the grid.
  const general = [
    ...new Set(
      editor.issues
        .filter((issue) => !isCellPath(issue.path))
        .map((issue) =>
          issue.path === '' ? issue.message : `${issue.path.replace(/^document\./, '')}: ${issue.message}`,
        ),
    ),
  ];
  return (
    <PolicyFrame editor={editor}>
      {matrix !== undefined && (
        <>
          <section class="panel policy-editor" aria-labelledby="matrix-grid-title">
            <h2 id="matrix-grid-title">
              {t('policies.matrix.gridTitle')}{' '}
              <span class="badge" data-testid="matrix-size">
                {t('policies.matrix.size', {
                  probabilities: matrix.probabilities.length,
                  impacts: matrix.impacts.length,
                })}
              </span>
            </h2>
            {editor.canEdit && <p class="hint">{t('policies.matrix.help')}</p>}
            <ul class="hint matrix-about">
              {(['probabilities', 'impacts', 'cells'] as const).map((field) => (
                <li key={field}>{describeFieldIn(locale, 'matrix', [field])}</li>
              ))}
            </ul>
            <MatrixGrid
              matrix={matrix}
              editable={editor.canEdit}
              issues={editor.issues}
              onChange={editor.setDocument}
            />
            {editor.canEdit && (
              <div class="form-actions">
                <button
                  type="button"
                  class="button button-small"
                  disabled={matrix.probabilities.length >= MATRIX_MAX}
                  onClick={() => editor.setDocument(addProbability(matrix))}
                >
                  {t('policies.matrix.addRow')}
                </button>
                <button
                  type="button"
                  class="button button-small"
                  disabled={matrix.impacts.length >= MATRIX_MAX}
                  onClick={() => editor.setDocument(addImpact(matrix))}
                >
                  {t('policies.matrix.addColumn')}
                </button>
                <span class="hint">
                  {t('policies.matrix.sizeHint', { min: MATRIX_MIN, max: MATRIX_MAX })}
                </span>
              </div>
            )}
            {general.length > 0 && (
              <div class="notice notice-error" role="alert">
                <p>
                  <strong>{t('policies.matrix.problemsTitle')}</strong>
                </p>
                <ul>
                  {general.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            )}
            <h3>{t('policies.matrix.levelsTitle')}</h3>
            <p class="hint">{describeFieldIn(locale, 'matrix', ['levels', 0, 'rank'])}</p>
            <ul class="matrix-levels">
              {[...matrix.levels]
                .sort((a, b) => a.rank - b.rank)
                .map((level) => (
                  <li key={level.id}>
                    <span class={`swatch level-cell-${levelTone(matrix, level.id)}`} aria-hidden="true" />{' '}
                    <code>{level.id}</code> {labelOf(matrix, level.id)}
                  </li>
                ))}
            </ul>
            <DraftActions editor={editor} />
          </section>
          {editor.testResult !== undefined && <TestResults result={editor.testResult} kind="cases" />}
          <PublishForm editor={editor} />
          <PolicyHistory editor={editor} />
        </>
      )}
    </PolicyFrame>
  );
};
