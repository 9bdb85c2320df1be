import { useState } from 'preact/hooks';
import { RiskMatrixSchema } from '../../../shared/domain/matrix-schema.ts';
import { describeField } from '../../../shared/domain/policy-fields.ts';
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

/** Every user-visible string of the matrix editor (issue #15 moves them into catalogues). */
const TEXT = {
  gridTitle: 'The grid',
  help: 'Probability rises upwards, impact to the right. Click a cell (or focus it and press Enter) to move it to the next level; rename a label by editing it. A level must never drop when probability or impact rises.',
  corner: ['Probability ↓', 'Impact →'],
  addRow: 'Add a probability (row on top)',
  addColumn: 'Add an impact (column on the right)',
  remove: (label: string) => `Remove ${label}`,
  probabilityLabel: (n: number) => `Probability ${n} label`,
  impactLabel: (n: number) => `Impact ${n} label`,
  cell: (p: string, i: string, level: string, label: string, editable: boolean) =>
    `${p} probability, ${i} impact: ${level} (${label})${editable ? '. Activate for the next level.' : ''}`,
  size: (p: number, i: number) => `${p} × ${i}`,
  sizeHint: `From ${MATRIX_MIN}×${MATRIX_MIN} to ${MATRIX_MAX}×${MATRIX_MAX}.`,
  levelsTitle: 'Levels, lowest first',
  problemsTitle: 'Fix before saving:',
  labelEmpty: 'A label cannot be empty.',
  labelTaken: 'Another label already has this name.',
} as const;

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
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (!editable) return <span class="matrix-axis-text">{value}</span>;
  const commit = (): void => {
    const next = text.trim();
    const problem =
      next === '' ? TEXT.labelEmpty : next !== value && taken.includes(next) ? TEXT.labelTaken : undefined;
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
        <span>{TEXT.corner[0]}</span>
        <span>{TEXT.corner[1]}</span>
      </div>
      {columns.map((impact, index) => (
        <div key={`i-${index}`} class="matrix-axis matrix-axis-x">
          <AxisLabel
            key={impact}
            value={impact}
            taken={columns}
            label={TEXT.impactLabel(index + 1)}
            editable={editable}
            onRename={(next) => onChange(renameImpact(matrix, impact, next))}
          />
          {editable && columns.length > MATRIX_MIN && (
            <button
              type="button"
              class="button button-small button-quiet"
              aria-label={TEXT.remove(impact)}
              title={TEXT.remove(impact)}
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
              label={TEXT.probabilityLabel(rowIndex + 1)}
              editable={editable}
              onRename={(next) => onChange(renameProbability(matrix, probability, next))}
            />
            {editable && matrix.probabilities.length > MATRIX_MIN && (
              <button
                type="button"
                class="button button-small button-quiet"
                aria-label={TEXT.remove(probability)}
                title={TEXT.remove(probability)}
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
            const label = TEXT.cell(probability, impact, level, levelLabel(matrix, level), editable);
            const content = (
              <>
                <span class="matrix-level">{level}</span>
                <span class="matrix-level-label">{levelLabel(matrix, level)}</span>
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
              {TEXT.gridTitle}{' '}
              <span class="badge" data-testid="matrix-size">
                {TEXT.size(matrix.probabilities.length, matrix.impacts.length)}
              </span>
            </h2>
            {editor.canEdit && <p class="hint">{TEXT.help}</p>}
            <ul class="hint matrix-about">
              {(['probabilities', 'impacts', 'cells'] as const).map((field) => (
                <li key={field}>{describeField('matrix', [field])}</li>
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
                  {TEXT.addRow}
                </button>
                <button
                  type="button"
                  class="button button-small"
                  disabled={matrix.impacts.length >= MATRIX_MAX}
                  onClick={() => editor.setDocument(addImpact(matrix))}
                >
                  {TEXT.addColumn}
                </button>
                <span class="hint">{TEXT.sizeHint}</span>
              </div>
            )}
            {general.length > 0 && (
              <div class="notice notice-error" role="alert">
                <p>
                  <strong>{TEXT.problemsTitle}</strong>
                </p>
                <ul>
                  {general.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            )}
            <h3>{TEXT.levelsTitle}</h3>
            <p class="hint">{describeField('matrix', ['levels', 0, 'rank'])}</p>
            <ul class="matrix-levels">
              {[...matrix.levels]
                .sort((a, b) => a.rank - b.rank)
                .map((level) => (
                  <li key={level.id}>
                    <span class={`swatch level-cell-${levelTone(matrix, level.id)}`} aria-hidden="true" />{' '}
                    <code>{level.id}</code> {level.label}
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
