import type { Mentionable } from '../types';

export interface MentionListboxProps {
  id: string;
  items: readonly Mentionable[];
  /** Index of the option the arrow keys are on. */
  active: number;
  loading: boolean;
  error: string | null;
  query: string;
  onPick: (person: Mentionable) => void;
}

export const optionId = (listboxId: string, person: Mentionable) => `${listboxId}-${person.id}`;

/**
 * The people a comment may mention, as a listbox that its text field or search field drives with
 * `aria-activedescendant`: focus stays in the field, the arrow keys move the highlighted option.
 */
export function MentionListbox({ id, items, active, loading, error, query, onPick }: MentionListboxProps) {
  return (
    <div className="mention-popup">
      {items.length > 0 && (
        <div id={id} role="listbox" aria-label="People to mention" className="mention-listbox">
          {items.map((person, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the field that owns the listbox handles the keys (aria-activedescendant)
            <div
              key={person.id}
              id={optionId(id, person)}
              role="option"
              // Reached through aria-activedescendant, never by Tab.
              tabIndex={-1}
              aria-selected={index === active}
              className="mention-option"
              // Keeps focus (and the caret) in the field while the pointer picks.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onPick(person)}
            >
              {person.name}
            </div>
          ))}
        </div>
      )}
      {items.length === 0 && (
        <p className="mention-empty">
          {error ??
            (loading
              ? 'Looking for people…'
              : query.trim()
                ? `Nobody you can mention here matches “${query.trim()}”.`
                : 'Nobody else here can be mentioned.')}
        </p>
      )}
    </div>
  );
}

/** What the live region says about the list, so a screen reader hears that it opened and how to use it. */
export function listboxAnnouncement(items: readonly Mentionable[], loading: boolean): string {
  if (loading && items.length === 0) return '';
  if (items.length === 0) return 'Nobody to mention matches.';
  const people = items.length === 1 ? '1 person' : `${items.length} people`;
  return `${people} to mention. Up and down arrows to choose, Enter to pick, Escape to close.`;
}

/**
 * The keys of the ARIA 1.2 combobox pattern on the field that owns the listbox. Answers whether
 * it handled the key (then the caller prevents the default).
 */
export function listboxKey(
  key: string,
  state: { count: number; active: number },
  actions: { move: (index: number) => void; pick: () => void; close: () => void },
): boolean {
  switch (key) {
    case 'ArrowDown':
      if (state.count > 0) actions.move((state.active + 1) % state.count);
      return true;
    case 'ArrowUp':
      if (state.count > 0) actions.move((state.active - 1 + state.count) % state.count);
      return true;
    case 'Enter':
    case 'Tab':
      if (state.count === 0) return false;
      actions.pick();
      return true;
    case 'Escape':
      actions.close();
      return true;
    default:
      return false;
  }
}
