import { useEffect } from 'preact/hooks';
import { useT } from '../i18n/index.tsx';

/** How long typing must pause before the words go to the server. */
export const SEARCH_DEBOUNCE_MS = 350;

/**
 * Calls `search` with `draft` once the person stops typing for a moment, when it differs (spaces aside) from
 * what is searched now (`current`): one request per pause, not one per key.
 */
export const useDebouncedSearch = (draft: string, current: string, search: (text: string) => void): void => {
  useEffect(() => {
    if (draft.trim() === current.trim()) return undefined;
    const timer = setTimeout(() => search(draft.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, current]);
};

/** The labelled search field of a server search, saying "Searching…" while an answer is awaited. */
export const SearchBox = ({
  label,
  placeholder,
  value,
  onInput,
  busy,
}: {
  label: string;
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  busy: boolean;
}) => {
  const t = useT();
  return (
    <label class="field field-grow search-box">
      <span class="label">
        {label}
        {busy && (
          <span class="searching" role="status">
            {' '}
            {t('casework.search.searching')}
          </span>
        )}
      </span>
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        maxLength={200}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </label>
  );
};
