import { describe, expect, it } from 'vitest';
import { commentProblems } from './comment-problems';
import { characterCount, commentTime } from './comment-time';
import { findMentionQuery, insertMention, mentionIdsInText, rememberPick } from './mentions';

const TOM = { id: 't1', name: 'Tom Technician' };
const TOMMY = { id: 't2', name: 'Tommy' };
const TOM_SHORT = { id: 't3', name: 'Tom' };
const ZOE = { id: 'z1', name: 'Zoë Ødegård' };

/** The text with `|` marking the caret. */
function at(marked: string) {
  const caret = marked.indexOf('|');
  return [marked.replace('|', ''), caret] as const;
}

describe('finding the @query at the caret', () => {
  it('finds the @ and the letters typed after it', () => {
    expect(findMentionQuery(...at('@To|'))).toEqual({ start: 0, end: 3, query: 'To' });
    expect(findMentionQuery(...at('Thanks @tom|'))).toEqual({ start: 7, end: 11, query: 'tom' });
    expect(findMentionQuery(...at('Line one\n@Zo|'))).toEqual({ start: 9, end: 12, query: 'Zo' });
    expect(findMentionQuery(...at('(@Zoë Ød|'))).toEqual({ start: 1, end: 8, query: 'Zoë Ød' });
  });

  it('follows the caret, not the end of the text', () => {
    expect(findMentionQuery(...at('Hi @Tom| and the rest'))).toEqual({ start: 3, end: 7, query: 'Tom' });
    expect(findMentionQuery(...at('Hi @Tom and the rest| more'))).toBeNull();
  });

  it('waits for a letter after the @', () => {
    expect(findMentionQuery(...at('@|'))).toBeNull();
    expect(findMentionQuery(...at('@ |'))).toBeNull();
    expect(findMentionQuery(...at('@-x|'))).toBeNull();
  });

  it('takes no e-mail address or word with an @ inside for a mention', () => {
    expect(findMentionQuery(...at('write to ann@exam|'))).toBeNull();
    expect(findMentionQuery(...at('a@b|'))).toBeNull();
  });

  it('lets go after a space, a line break, punctuation or too many words', () => {
    expect(findMentionQuery(...at('@Tom |'))).toBeNull();
    expect(findMentionQuery(...at('@Tom\nnext|'))).toBeNull();
    expect(findMentionQuery(...at('@Tom, hi|'))).toBeNull();
    expect(findMentionQuery(...at('@Tom T|'))).toEqual({ start: 0, end: 6, query: 'Tom T' });
    expect(findMentionQuery(...at('@one two three four|'))).toBeNull();
    expect(findMentionQuery(...at(`@${'a'.repeat(60)}|`))).toBeNull();
  });

  it('answers null for a caret outside the text', () => {
    expect(findMentionQuery('@Tom', 9)).toBeNull();
    expect(findMentionQuery('@Tom', -1)).toBeNull();
  });
});

describe('inserting the pick', () => {
  it('replaces the @query with @Name and a space, and puts the caret after them', () => {
    const [text, caret] = at('Ask @to| about it');
    const query = findMentionQuery(text, caret);
    expect(query).not.toBeNull();
    if (!query) return;
    const edit = insertMention(text, TOM, query);
    expect(edit.text).toBe('Ask @Tom Technician about it');
    expect(edit.text.slice(0, edit.caret)).toBe('Ask @Tom Technician ');
  });

  it('puts the mention at the caret from the button, apart from the word before it', () => {
    expect(insertMention('Thanks', TOM, { caret: 6 })).toEqual({ text: 'Thanks @Tom Technician ', caret: 23 });
    expect(insertMention('', TOM, { caret: 0 })).toEqual({ text: '@Tom Technician ', caret: 16 });
    expect(insertMention('Hi \nbye', ZOE, { caret: 3 })).toEqual({ text: 'Hi @Zoë Ødegård \nbye', caret: 16 });
    expect(insertMention('Hi', TOM, { caret: 99 }).text).toBe('Hi @Tom Technician ');
  });
});

describe('the mentionIds sent with the comment', () => {
  it('keeps the picked people whose @Name is still in the text, once each, in text order', () => {
    const text = 'Hi @Zoë Ødegård, can @Tom Technician check it? Thanks @Zoë Ødegård';
    expect(mentionIdsInText(text, [TOM, ZOE])).toEqual(['z1', 't1']);
  });

  it('drops a picked person whose mention was deleted or edited away', () => {
    expect(mentionIdsInText('Hi @Tom Techn, see you', [TOM])).toEqual([]);
    expect(mentionIdsInText('Hi Tom Technician', [TOM])).toEqual([]);
    expect(mentionIdsInText('', [TOM, ZOE])).toEqual([]);
  });

  it('matches whole names only, the longest picked one first', () => {
    expect(mentionIdsInText('@Tommy is here', [TOM_SHORT])).toEqual([]);
    expect(mentionIdsInText('@Tommy and @Tom.', [TOM_SHORT, TOMMY])).toEqual(['t2', 't3']);
    expect(mentionIdsInText('@Tom Technician', [TOM_SHORT, TOM])).toEqual(['t1']);
  });

  it('never sends someone who was not picked, even if their name is typed', () => {
    expect(mentionIdsInText('@Tommy', [TOM])).toEqual([]);
  });

  it('remembers each pick once', () => {
    expect(rememberPick(rememberPick([TOM], ZOE), TOM)).toEqual([ZOE, TOM]);
  });
});

describe('comment time and length', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  it('says how long ago within a week, then the date', () => {
    expect(commentTime('2026-05-10T11:59:40Z', now)).toBe('just now');
    expect(commentTime('2026-05-10T11:55:00Z', now)).toMatch(/5/);
    expect(commentTime('2026-05-01T12:00:00Z', now)).not.toMatch(/ago/);
  });

  it('counts characters only near the limit', () => {
    expect(characterCount(100, 10_000)).toBeNull();
    expect(characterCount(9_500, 10_000)).toMatch(/9.500 of 10.000 characters/);
  });
});

describe('the server’s refusal in the form’s words', () => {
  const problem = (status: number, errors: { path: string; message: string }[], detail: string | null = null) => ({
    status,
    type: null,
    title: 'Refused',
    detail,
    errors,
    retryAfterSeconds: null,
  });

  it('names the refused mention by the person picked', () => {
    const answer = commentProblems(
      problem(400, [{ path: '/mentionIds/1', message: 'is not someone you may mention here' }]),
      ['z1', 't1'],
      [TOM, ZOE],
    );
    expect(answer).toEqual({ body: null, form: ['@Tom Technician is not someone you may mention here.'] });
  });

  it('puts a problem with the text beside the field', () => {
    expect(commentProblems(problem(400, [{ path: '/body', message: 'must not be empty' }]), [], [])).toEqual({
      body: 'Must not be empty.',
      form: [],
    });
  });

  it('shows the problem document’s own message for a refusal to comment or an archived workspace', () => {
    expect(commentProblems(problem(403, [], 'Guests may not comment in this workspace.'), [], [])).toEqual({
      body: null,
      form: ['Guests may not comment in this workspace.'],
    });
    expect(commentProblems(problem(409, []), [], []).form).toEqual(['Refused']);
  });
});
