import { useT } from '../i18n/index.tsx';
import type { Case } from '../types.ts';

/** The mark every drill case carries wherever it appears: it is never mistaken for a real one. */
export const DrillBadge = ({ item }: { item: Pick<Case, 'drill'> }) => {
  const t = useT();
  if (item.drill === undefined) return null;
  return (
    <span class="badge badge-drill" title={t('drills.badgeHint')} data-drill-id={item.drill.drillId}>
      {t('drills.badge')}
    </span>
  );
};
