import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/index.tsx';

export interface Shortcut {
  readonly keys: readonly string[];
  readonly does: string;
}

/** The keyboard shortcuts of a screen, in a modal dialog (native `<dialog>`: focus is trapped and restored). */
export const ShortcutHelp = ({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: readonly Shortcut[];
}) => {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="shortcut-title" onClose={onClose}>
      <h2 id="shortcut-title">{t('core.shortcut.title')}</h2>
      <table class="shortcuts">
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.does}>
              <th scope="row">
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ` ${t('core.common.or')} `}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" class="button">
          {t('core.common.close')}
        </button>
      </form>
    </dialog>
  );
};

/** True when a key press belongs to a text field, so screen shortcuts must leave it alone. */
export const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
