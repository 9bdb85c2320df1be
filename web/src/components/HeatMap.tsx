import { DEFAULT_MATRIX, type RiskMatrix } from '#shared/domain/risk-matrix.ts';
import type { Case } from '../types.ts';

export interface Cell {
  readonly probability: string;
  readonly impact: string;
}

/** The product's probability × impact matrix (shared/domain/risk-matrix.ts), bundled at build time. */
export const MATRIX: RiskMatrix = DEFAULT_MATRIX;

/** Unresolved cases per cell: `counts[probability][impact]`. Cases outside the matrix are not counted. */
export const countByCell = (matrix: RiskMatrix, cases: readonly Case[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of cases) {
    if (matrix.cells[item.probability]?.[item.impact] === undefined) continue;
    const key = `${item.probability}|${item.impact}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
};

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The risk matrix as a heat map: probability rows (highest on top) × impact columns, each cell coloured by
 * its level and showing how many unresolved cases sit in it. A cell is a toggle button that filters the
 * case list to it.
 */
export const HeatMap = ({
  cases,
  selected,
  onSelect,
  matrix = MATRIX,
}: {
  cases: readonly Case[];
  selected: Cell | undefined;
  onSelect: (cell: Cell | undefined) => void;
  matrix?: RiskMatrix;
}) => {
  const counts = countByCell(matrix, cases);
  const rows = [...matrix.probabilities].reverse();
  return (
    <figure class="heatmap" aria-labelledby="heatmap-title">
      <figcaption id="heatmap-title" class="heatmap-title">
        Risk matrix <span class="muted">· unresolved cases per cell · select a cell to filter</span>
      </figcaption>
      <div
        class="heatmap-grid"
        style={{ gridTemplateColumns: `auto repeat(${matrix.impacts.length}, minmax(5.5rem, 1fr))` }}
      >
        <div class="heatmap-corner" aria-hidden="true">
          <span>Probability ↓</span>
          <span>Impact →</span>
        </div>
        {matrix.impacts.map((impact) => (
          <div key={impact} class="heatmap-axis heatmap-axis-x" aria-hidden="true">
            {capitalize(impact)}
          </div>
        ))}
        {rows.map((probability) => [
          <div key={`${probability}-label`} class="heatmap-axis heatmap-axis-y" aria-hidden="true">
            {capitalize(probability)}
          </div>,
          ...matrix.impacts.map((impact) => {
            const level = matrix.cells[probability]?.[impact] ?? 'green';
            const count = counts.get(`${probability}|${impact}`) ?? 0;
            const pressed = selected?.probability === probability && selected.impact === impact;
            return (
              <button
                key={`${probability}-${impact}`}
                type="button"
                class={`heatmap-cell level-cell-${level}${count === 0 ? ' is-empty' : ''}`}
                aria-pressed={pressed}
                data-cell={`${probability}-${impact}`}
                aria-label={`${capitalize(probability)} probability, ${impact} impact: ${level}, ${count} unresolved ${count === 1 ? 'case' : 'cases'}`}
                onClick={() => onSelect(pressed ? undefined : { probability, impact })}
              >
                <span class="heatmap-count">{count}</span>
                <span class="heatmap-level">{level}</span>
              </button>
            );
          }),
        ])}
      </div>
    </figure>
  );
};
