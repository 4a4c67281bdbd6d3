import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { COMMENT_LIMITS } from '../../../../shared/comments';
import { FormAlert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { FieldError, FieldHint } from '../../../components/ui/field-parts';
import { toApiError } from '../../../lib/api-client';
import { commentProblems } from '../comment-problems';
import { characterCount } from '../comment-time';
import { findMentionQuery, insertMention, type MentionQuery, mentionIdsInText, rememberPick } from '../mentions';
import type { CommentInput, CommentTargetType, Mentionable } from '../types';
import { useMentionable } from '../use-mentionable';
import { listboxAnnouncement, listboxKey, MentionListbox, optionId } from './mention-listbox';

export interface CommentFormProps {
  targetType: CommentTargetType;
  targetId: string;
  /** The text field's label, e.g. "Write a comment". */
  label: string;
  submitLabel: string;
  initialBody?: string;
  /** People already mentioned (when editing): still sent while their `@Name` stays in the text. */
  initialMentions?: readonly Mentionable[];
  /** Resolves once saved; rejects with the server's problem, which the form then shows. */
  onSubmit: (input: CommentInput) => Promise<void>;
  onCancel?: () => void;
  /** A new comment's form empties itself after posting; an edit form is closed by its owner. */
  clearOnSuccess?: boolean;
  autoFocus?: boolean;
}

/**
 * A comment's Markdown, with @mentions: typing `@` and a few letters opens the list of people who
 * may be mentioned here (arrow keys, Enter or Tab to pick, Escape to close); so does the "Mention
 * someone" button, with its own search field. Ctrl+Enter or ⌘+Enter posts.
 */
export function CommentForm({
  targetType,
  targetId,
  label,
  submitLabel,
  initialBody = '',
  initialMentions = [],
  onSubmit,
  onCancel,
  clearOnSuccess = false,
  autoFocus = false,
}: CommentFormProps) {
  const id = useId();
  const textareaId = `${id}-text`;
  const hintId = `${id}-hint`;
  const countId = `${id}-count`;
  const errorId = `${id}-error`;
  const inlineListId = `${id}-people`;
  const panelId = `${id}-panel`;
  const searchId = `${id}-search`;
  const panelListId = `${id}-panel-people`;

  const formRef = useRef<HTMLFormElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const mentionButtonRef = useRef<HTMLButtonElement>(null);
  /** Where the caret goes once the text a pick produced is in the field. */
  const pendingCaret = useRef<number | null>(null);

  const [body, setBody] = useState(initialBody);
  const [picked, setPicked] = useState<Mentionable[]>(() => [...initialMentions]);
  const [caret, setCaret] = useState(initialBody.length);
  const [focused, setFocused] = useState(false);
  /** The `@` (by its index) whose list Escape closed; it stays closed until another `@` is typed. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [highlight, setHighlight] = useState<{ query: string | null; index: number }>({ query: null, index: 0 });
  const [busy, setBusy] = useState(false);
  const [bodyError, setBodyError] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<string[]>([]);

  // The `@query` being typed, unless it is a mention already made ("@Tom Technician and…").
  const typed = focused && !panelOpen ? findMentionQuery(body, caret) : null;
  const finished = typed !== null && picked.some((person) => typed.query.startsWith(`${person.name} `));
  const inline: MentionQuery | null = typed && !finished && dismissedAt !== typed.start ? typed : null;
  const query = panelOpen ? search : (inline?.query ?? null);
  const people = useMentionable(targetType, targetId, query);
  const active = highlight.query === query ? Math.min(highlight.index, Math.max(people.items.length - 1, 0)) : 0;
  const activePerson = people.items[active] ?? null;
  // Several words that match nobody are ordinary text after an `@`, not a search.
  const inlineOpen = inline !== null && (people.items.length > 0 || !inline.query.includes(' '));
  // The listbox element exists only while it has people in it (otherwise a short note stands there).
  const listboxShown = inlineOpen && people.items.length > 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a pick has changed the text
  useLayoutEffect(() => {
    const next = pendingCaret.current;
    const field = textareaRef.current;
    if (next === null || !field) return;
    pendingCaret.current = null;
    field.focus();
    field.setSelectionRange(next, next);
    setCaret(next);
  }, [body]);

  function pick(person: Mentionable | null) {
    if (!person) return;
    const at = panelOpen ? { caret } : inline;
    if (!at) return;
    const edit = insertMention(body, person, at);
    setPicked((current) => rememberPick(current, person));
    pendingCaret.current = edit.caret;
    setBody(edit.text);
    setPanelOpen(false);
    setSearch('');
    setDismissedAt(null);
    setBodyError(null);
  }

  const move = (index: number) => setHighlight({ query, index });

  function onTextKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (
      inlineOpen &&
      inline &&
      listboxKey(
        event.key,
        { count: people.items.length, active },
        { move, pick: () => pick(activePerson), close: () => setDismissedAt(inline.start) },
      )
    ) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  function closePanel() {
    setPanelOpen(false);
    setSearch('');
    mentionButtonRef.current?.focus();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const handled = listboxKey(
      event.key,
      { count: people.items.length, active },
      { move, pick: () => pick(activePerson), close: closePanel },
    );
    // Enter never submits the comment from the search field.
    if (handled || event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (body.trim() === '') {
      setBodyError('Write something first.');
      setFormErrors([]);
      textareaRef.current?.focus();
      return;
    }
    const mentionIds = mentionIdsInText(body, picked);
    setBusy(true);
    setBodyError(null);
    setFormErrors([]);
    try {
      await onSubmit({ body, mentionIds });
      if (clearOnSuccess) {
        setBody('');
        setPicked([]);
        setCaret(0);
        setDismissedAt(null);
      }
      textareaRef.current?.focus();
    } catch (error) {
      const problems = commentProblems(toApiError(error).problem, mentionIds, picked);
      setBodyError(problems.body);
      setFormErrors(problems.form);
      if (problems.body) textareaRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const count = characterCount(body.length, COMMENT_LIMITS.body);
  const describedBy = [bodyError ? errorId : null, hintId, count ? countId : null].filter(Boolean).join(' ');
  const announcement = inlineOpen || panelOpen ? listboxAnnouncement(people.items, people.loading) : '';

  return (
    <form ref={formRef} className="comment-form" onSubmit={submit} noValidate>
      <FormAlert messages={formErrors} />
      <div className="field comment-field">
        <label htmlFor={textareaId} className="field-label">
          {label}
        </label>
        <FieldHint id={hintId}>
          Markdown works. Type @ and a name to mention someone who can see this. Ctrl+Enter (⌘+Enter on a Mac) posts.
        </FieldHint>
        <div className="comment-input">
          <textarea
            ref={textareaRef}
            id={textareaId}
            className="input textarea comment-textarea"
            rows={4}
            value={body}
            maxLength={COMMENT_LIMITS.body}
            // biome-ignore lint/a11y/noAutofocus: the edit form opens where the person asked to edit
            autoFocus={autoFocus}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={describedBy}
            // ARIA 1.2 combobox with a listbox popup: the field keeps focus and says whether the list
            // of people is open, which list it drives and which person is highlighted in it. ARIA in
            // HTML gives a textarea no role; without this one, screen readers do not announce the
            // highlighted person, which matters more here than the field being read as multi-line.
            role="combobox"
            aria-expanded={listboxShown}
            aria-autocomplete="list"
            aria-controls={listboxShown ? inlineListId : undefined}
            aria-activedescendant={listboxShown && activePerson ? optionId(inlineListId, activePerson) : undefined}
            onChange={(event) => {
              setBody(event.target.value);
              setCaret(event.target.selectionStart);
              if (bodyError) setBodyError(null);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            onKeyDown={onTextKeyDown}
          />
          {inlineOpen && query !== null && (
            <MentionListbox
              id={inlineListId}
              items={people.items}
              active={active}
              loading={people.loading}
              error={people.error}
              query={query}
              onPick={pick}
            />
          )}
        </div>
        {count && (
          <p id={countId} className="field-hint comment-count">
            {count}
          </p>
        )}
        <FieldError id={errorId} message={bodyError ?? undefined} />
      </div>
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
      <div className="actions comment-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        <Button
          ref={mentionButtonRef}
          aria-expanded={panelOpen}
          aria-controls={panelId}
          onClick={() => {
            setSearch('');
            setPanelOpen((open) => !open);
          }}
        >
          Mention someone
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
      <div id={panelId} className="mention-panel" hidden={!panelOpen}>
        {panelOpen && (
          <>
            <label htmlFor={searchId} className="field-label">
              Find someone to mention
            </label>
            <input
              id={searchId}
              className="input"
              type="text"
              role="combobox"
              autoComplete="off"
              // biome-ignore lint/a11y/noAutofocus: the button that opens this search moves focus into it
              autoFocus
              value={search}
              aria-expanded={people.items.length > 0}
              aria-controls={panelListId}
              aria-autocomplete="list"
              aria-activedescendant={activePerson ? optionId(panelListId, activePerson) : undefined}
              onChange={(event) => setSearch(event.target.value)}
              onKeyDown={onSearchKeyDown}
            />
            <MentionListbox
              id={panelListId}
              items={people.items}
              active={active}
              loading={people.loading}
              error={people.error}
              query={search}
              onPick={pick}
            />
          </>
        )}
      </div>
    </form>
  );
}
