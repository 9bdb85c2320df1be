import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { useAction, useResource } from '../hooks.ts';
import { useT } from '../i18n/index.tsx';
import type { Brand, Case } from '../types.ts';
import { ErrorNotice } from './common.tsx';

/** The brand's owner and managers, as the catalogue names them, without the case's owner: whom to suggest. */
export const ownerSuggestions = (brand: Brand | undefined, owner: string | undefined): string[] =>
  brand === undefined
    ? []
    : [
        ...new Set(
          [brand.owner, ...brand.managers].filter(
            (name): name is string => name !== undefined && name !== '' && name !== owner,
          ),
        ),
      ];

/**
 * A case's owner (who is paged first when it escalates) and, for managers, handing it to someone else: a
 * username, with the brand's owner and managers suggested when the catalogue knows the brand, and a note for
 * the audit trail. The API refuses (409) when that person owns it already or the case changed meanwhile.
 */
export const OwnerControl = ({
  item,
  canReassign,
  onReassigned,
}: {
  item: Case;
  canReassign: boolean;
  onReassigned: (updated: Case) => void;
}) => {
  const { api } = useApp();
  const t = useT();
  const [owner, setOwner] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const action = useAction(api.reassign);
  const brandName = item.subject.brand;
  // Suggestions only: a brand the catalogue does not know, or a failed read, leaves the field free.
  const brand = useResource(
    async () => (canReassign && brandName !== undefined ? api.brandCatalogue(brandName) : undefined),
    [api, brandName, canReassign],
  );
  const suggestions = ownerSuggestions(brand.data, item.owner);
  const listId = `owner-suggestions-${item.caseId}`;

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const wanted = owner.trim();
    if (wanted === '') {
      setProblem(t('casework.owner.needOwner'));
      return;
    }
    if (wanted === item.owner) {
      setProblem(t('casework.owner.same', { owner: wanted }));
      return;
    }
    setProblem(undefined);
    const updated = await action.run(item.caseId, wanted, note.trim() === '' ? undefined : note.trim());
    if (updated !== undefined) {
      setOwner('');
      setNote('');
      onReassigned(updated);
    }
  };

  return (
    <section class="panel owner" aria-labelledby="owner-title">
      <h2 id="owner-title">{t('casework.owner.title')}</h2>
      <p class="owner-name" data-owner={item.owner ?? ''}>
        {item.owner === undefined ? <span class="muted">{t('casework.owner.none')}</span> : item.owner}
      </p>
      {canReassign && (
        <form class="reassign" aria-labelledby="reassign-title" onSubmit={(event) => void submit(event)}>
          <h3 id="reassign-title">{t('casework.owner.reassignTitle')}</h3>
          <p class="hint">{t('casework.owner.hint')}</p>
          <label class="field" for="reassign-owner">
            <span class="label">{t('casework.owner.field')}</span>
            <input
              id="reassign-owner"
              type="text"
              maxLength={128}
              autoComplete="off"
              list={suggestions.length > 0 ? listId : undefined}
              value={owner}
              aria-invalid={problem !== undefined}
              aria-describedby={problem !== undefined ? 'reassign-problem' : undefined}
              onInput={(event) => {
                setOwner(event.currentTarget.value);
                setProblem(undefined);
              }}
            />
          </label>
          {suggestions.length > 0 && (
            <>
              <datalist id={listId}>
                {suggestions.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
              <p class="hint">{t('casework.owner.suggestions')}</p>
            </>
          )}
          <label class="field" for="reassign-note">
            <span class="label">{t('casework.owner.note')}</span>
            <input
              id="reassign-note"
              type="text"
              maxLength={2000}
              value={note}
              placeholder={t('casework.owner.notePlaceholder')}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </label>
          {problem !== undefined && (
            <p id="reassign-problem" class="form-problem" role="alert">
              {problem}
            </p>
          )}
          {action.error !== undefined && (
            <ErrorNotice error={action.error} context={t('casework.owner.failed')} />
          )}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {action.busy ? t('core.common.saving') : t('casework.owner.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};
