// The pure parts of @mentions in a comment's text: finding the `@query` being typed at the caret,
// putting a picked person's `@Name` in its place, and working out at submit which picked people are
// still mentioned in the text.

import type { Mentionable } from './types';

/** The `@query` being typed: `start` is the index of the `@`, `end` the caret. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

/** Longest query the picker follows; past it the `@` is taken to be something else. */
const MAX_QUERY = 50;
/** A name may have a few words ("@Tom Tech"); more than that is ordinary text after a lone `@`. */
const MAX_SPACES = 2;

const nameChar = /[\p{L}\p{M}\p{N}'’.\-_]/u;
const letter = /[\p{L}\p{N}]/u;

/**
 * The `@query` right before the caret, or null. The `@` must start the text or follow a space,
 * a line break or an opening bracket (so "ann@example.org" is no mention), and be followed by at
 * least one letter; the query is letters and a few inner spaces, on one line, and does not end
 * with a space.
 */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  if (caret < 0 || caret > text.length) return null;
  let spaces = 0;
  for (let i = caret - 1; i >= 0 && caret - i <= MAX_QUERY + 1; i--) {
    const char = text.charAt(i);
    if (char === '@') {
      const before = i === 0 ? '' : text.charAt(i - 1);
      if (before !== '' && !/[\s([{"'“‘]/u.test(before)) return null;
      const query = text.slice(i + 1, caret);
      // A space ends a word; the query goes on only once the next word starts ("@Tom T").
      if (!letter.test(query.charAt(0)) || query.endsWith(' ')) return null;
      return { start: i, end: caret, query };
    }
    if (char === ' ') {
      spaces += 1;
      if (spaces > MAX_SPACES) return null;
      continue;
    }
    if (!nameChar.test(char)) return null;
  }
  return null;
}

export interface TextEdit {
  text: string;
  /** Where the caret goes afterwards: right after the inserted mention and its space. */
  caret: number;
}

/**
 * Puts `@Name ` in the text: in place of the `@query` being typed, or (from the "Mention someone"
 * button, `query` null) at the caret, with a space before it when it would otherwise stick to a word.
 */
export function insertMention(text: string, person: Pick<Mentionable, 'name'>, at: MentionQuery | { caret: number }): TextEdit {
  const start = 'start' in at ? at.start : Math.min(Math.max(at.caret, 0), text.length);
  const end = 'start' in at ? at.end : start;
  const before = text.slice(0, start);
  let after = text.slice(end);
  const lead = before === '' || /[\s([{"'“‘]$/u.test(before) ? '' : ' ';
  // A space already there is reused rather than doubled.
  if (after.startsWith(' ')) after = after.slice(1);
  const inserted = `${lead}@${person.name} `;
  return { text: `${before}${inserted}${after}`, caret: before.length + inserted.length };
}

/**
 * The ids of picked people whose `@Name` is still in the text, in the order they first appear,
 * each once. A name counts only as a whole ("@Tom" is not in "@Tommy"); where two picked names
 * start alike, the longer one that fits wins ("@Tom Technician" mentions Tom Technician, not Tom).
 */
export function mentionIdsInText(text: string, picked: readonly Mentionable[]): string[] {
  const candidates = [...picked].filter((p) => p.name.trim() !== '').sort((a, b) => b.name.length - a.name.length);
  const ids: string[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const rest = text.slice(at + 1);
    const match = candidates.find((person) => rest.startsWith(person.name) && !letter.test(rest.charAt(person.name.length)));
    if (match && !ids.includes(match.id)) ids.push(match.id);
  }
  return ids;
}

/** Adds someone to the picked list (once per id; a later pick of the same id keeps its newest name). */
export function rememberPick(picked: readonly Mentionable[], person: Mentionable): Mentionable[] {
  return [...picked.filter((p) => p.id !== person.id), { id: person.id, name: person.name }];
}
