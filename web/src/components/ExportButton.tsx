import { useState } from 'preact/hooks';
import type { Query } from '../api.ts';
import { useApp } from '../context.ts';
import { useAction } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { ErrorNotice } from './common.tsx';

/** How long a downloaded file's object URL lives: long enough for the browser to start saving it. */
const URL_LIFETIME_MS = 60_000;

/** Hands `blob` to the browser as a download named `filename` (an object URL, freed a minute later). */
const save = (blob: Blob, filename: string): void => {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), URL_LIFETIME_MS);
};

/**
 * A button that downloads a file the API writes (a CSV export, an evidence pack). A plain link cannot: the
 * API wants the bearer token. So the file is fetched with it, shown as it arrives (disabled, "Downloading
 * 40 %"), then saved under the name the API gives (`fallbackName` if none); a refusal or a failure stays
 * beside the button in words.
 */
export const ExportButton = ({
  path,
  query = {},
  fallbackName,
  label,
  accessibleLabel,
}: {
  /** Under `/v1`: `/exports/cases.csv`, `/reviews/{id}/evidence.pdf`. */
  path: string;
  query?: Query;
  fallbackName: string;
  label: string;
  /** What the button does in full, for screen readers, when `label` alone says too little. */
  accessibleLabel?: string;
}) => {
  const { api, announce } = useApp();
  const t = useT();
  const format = useFormat();
  const [progress, setProgress] = useState<number | undefined>(undefined);
  const action = useAction(async () => {
    setProgress(undefined);
    const file = await api.download(path, query, (received, total) =>
      setProgress(total === undefined ? undefined : Math.min(1, received / total)),
    );
    const filename = file.filename ?? fallbackName;
    save(file.blob, filename);
    announce(t('casework.export.done', { file: filename }));
  });

  return (
    <div class="export">
      <button
        type="button"
        class="button button-small"
        disabled={action.busy}
        aria-busy={action.busy}
        aria-label={action.busy ? undefined : accessibleLabel}
        data-export={path}
        onClick={() => void action.run()}
      >
        {action.busy
          ? progress === undefined
            ? t('casework.export.preparing')
            : t('casework.export.progress', { percent: format.percent(progress) })
          : label}
      </button>
      {action.error !== undefined && (
        <ErrorNotice error={action.error} context={t('casework.export.failed')} />
      )}
    </div>
  );
};
