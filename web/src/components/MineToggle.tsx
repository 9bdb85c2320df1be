import { useT } from '../i18n/index.tsx';
import { navigate, useLocation, withQuery } from '../router.ts';

/**
 * The `owner` value that means the caller: the API resolves it to the signed-in person's username, so the
 * app never needs to know it.
 */
export const ME = 'me';

/** Whether the screen shows only the caller's cases (`?owner=me`, kept in the URL so it can be shared). */
export const useMine = (): boolean => useLocation().query.get('owner') === ME;

/** "All cases | My cases": switches `?owner=me` on the current screen, keeping its other filters. */
export const MineToggle = () => {
  const t = useT();
  const location = useLocation();
  const mine = location.query.get('owner') === ME;
  const choose = (next: boolean): void => {
    if (next !== mine) navigate(withQuery(location, { owner: next ? ME : undefined }));
  };
  return (
    <fieldset class="segmented mine-toggle">
      <legend class="visually-hidden">{t('casework.mine.label')}</legend>
      <button type="button" aria-pressed={!mine} onClick={() => choose(false)}>
        {t('casework.mine.all')}
      </button>
      <button type="button" aria-pressed={mine} onClick={() => choose(true)}>
        {t('casework.mine.mine')}
      </button>
    </fieldset>
  );
};
