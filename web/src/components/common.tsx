import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { followLink } from '../router.ts';
import type { CaseStatus, Level } from '../types.ts';

export const LevelBadge = ({ level, short = false }: { level: Level; short?: boolean }) => {
  const format = useFormat();
  return (
    <span class={`badge level-${level}`}>
      <span class="dot" aria-hidden="true" />
      {short ? format.levelShort(level) : format.level(level)}
    </span>
  );
};

export const StatusBadge = ({ status }: { status: CaseStatus }) => (
  <span class={`badge status-${status}`}>{useFormat().status(status)}</span>
);

export const Link = ({
  href,
  children,
  class: className,
  ...rest
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
}) => (
  <a href={href} class={className} onClick={followLink} {...rest}>
    {children}
  </a>
);

/** A failure in plain words, with what the person can do about it. */
export const ErrorNotice = ({
  error,
  context,
  retry,
}: {
  error: ApiError;
  context: string;
  retry?: () => void;
}) => {
  const t = useT();
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{context}</strong> {error.title}
        {error.detail !== '' && error.detail !== error.title ? `: ${error.detail}` : ''}
      </p>
      {error.errors.length > 0 && (
        <ul>
          {error.errors.map((issue) => (
            <li key={issue.path}>
              {issue.path === '' ? '' : <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      {retry !== undefined && (
        <button type="button" class="button button-small" onClick={retry}>
          {t('core.common.tryAgain')}
        </button>
      )}
    </div>
  );
};

export const EmptyState = ({ title, children }: { title: string; children?: ComponentChildren }) => (
  <div class="empty">
    <p class="empty-title">{title}</p>
    {children !== undefined && <p class="empty-body">{children}</p>}
  </div>
);

/** "Loading {what}…": `what` is already in the reader's language (a catalogue noun). */
export const Loading = ({ what }: { what: string }) => (
  <p class="loading" role="status">
    {useT()('core.common.loading', { what })}
  </p>
);

/** The numbers behind a finding (budget, spend, negative share …), as a small table. */
export const Metrics = ({ metrics }: { metrics: Readonly<Record<string, number>> }) => {
  const format = useFormat();
  const entries = Object.entries(metrics);
  if (entries.length === 0) return null;
  return (
    <dl class="metrics">
      {entries.map(([key, value]) => (
        <div key={key} class="metric">
          <dt>{format.metricName(key)}</dt>
          <dd>{format.metric(key, value, metrics)}</dd>
        </div>
      ))}
    </dl>
  );
};

export const PageTitle = ({
  children,
  aside,
}: {
  children: ComponentChildren;
  aside?: ComponentChildren;
}) => (
  <div class="page-title">
    <h1 tabIndex={-1}>{children}</h1>
    {aside !== undefined && <div class="page-title-aside">{aside}</div>}
  </div>
);

/** A labelled drop-down of `[value, label]` choices (`''` for "no filter"), reporting the value chosen. */
export const SelectField = ({
  label,
  value,
  options,
  onChange,
  inline = false,
}: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  inline?: boolean;
}) => (
  <label class={inline ? 'field field-inline' : 'field'}>
    <span class="label">{label}</span>
    <select value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      {options.map(([optionValue, optionLabel]) => (
        <option key={optionValue} value={optionValue}>
          {optionLabel}
        </option>
      ))}
    </select>
  </label>
);

/** A table's header row: one column header per label. */
export const TableHead = ({ columns }: { columns: readonly string[] }) => (
  <thead>
    <tr>
      {columns.map((column) => (
        <th key={column} scope="col">
          {column}
        </th>
      ))}
    </tr>
  </thead>
);
