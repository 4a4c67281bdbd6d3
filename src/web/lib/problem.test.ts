import { describe, expect, it } from 'vitest';
import { isExtranetClosed, parseProblem, pointerToField, problemSummary, problemToFormErrors } from './problem';

describe('parseProblem', () => {
  it('reads a problem document with field errors', () => {
    const problem = parseProblem(400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Some fields are not valid.',
      errors: [
        { path: '/email', message: 'Enter a valid e-mail address.' },
        { path: '/password', message: 'Use at least 12 characters.' },
      ],
    });
    expect(problem).toEqual({
      status: 400,
      type: 'about:blank',
      title: 'Bad Request',
      detail: 'Some fields are not valid.',
      errors: [
        { path: '/email', message: 'Enter a valid e-mail address.' },
        { path: '/password', message: 'Use at least 12 characters.' },
      ],
      retryAfterSeconds: null,
    });
  });

  it('falls back to a readable title when the body is not a problem document', () => {
    const problem = parseProblem(502, '<html>Bad gateway</html>');
    expect(problem.title).toContain('error 502');
    expect(problem.detail).toBeNull();
    expect(problem.errors).toEqual([]);
  });

  it('says the server could not be reached for status 0', () => {
    expect(parseProblem(0, null).title).toMatch(/could not be reached/);
  });

  it('skips malformed field errors instead of failing', () => {
    const problem = parseProblem(400, { title: 'Bad', errors: [null, { path: '/name' }, { message: 'Whole body' }] });
    expect(problem.errors).toEqual([{ path: '', message: 'Whole body' }]);
  });
});

describe('pointerToField', () => {
  it('turns JSON pointers into field names', () => {
    expect(pointerToField('/email')).toBe('email');
    expect(pointerToField('/currentPassword')).toBe('currentPassword');
    expect(pointerToField('/items/0/name')).toBe('items.0.name');
    expect(pointerToField('/a~1b~0c')).toBe('a/b~c');
    expect(pointerToField('')).toBe('');
  });
});

describe('problemSummary', () => {
  it('prefers the detail over the title', () => {
    expect(problemSummary(parseProblem(409, { title: 'Conflict', detail: 'You cannot suspend yourself.' }))).toBe(
      'You cannot suspend yourself.',
    );
    expect(problemSummary(parseProblem(409, { title: 'Conflict' }))).toBe('Conflict');
  });

  it('turns 429 into a wait in minutes', () => {
    const problem = parseProblem(429, { title: 'Too Many Requests', detail: 'Slow down' }, 600);
    expect(problemSummary(problem)).toBe('Too many attempts, try again in 10 minutes.');
  });
});

describe('problemToFormErrors', () => {
  const problem = parseProblem(400, {
    title: 'Bad Request',
    detail: 'The link or the password is not valid.',
    errors: [
      { path: '/password', message: 'Too common.' },
      { path: '/password', message: 'Too short.' },
      { path: '/token', message: 'This link has expired.' },
    ],
  });

  it('puts known fields beside the field (first message wins) and the rest at the top', () => {
    expect(problemToFormErrors(problem, ['password'])).toEqual({
      form: ['This link has expired.'],
      fields: { password: 'Too common.' },
    });
  });

  it('points at the fields when every error has its field', () => {
    expect(problemToFormErrors(problem, ['password', 'token'])).toEqual({
      form: ['Some fields need your attention.'],
      fields: { password: 'Too common.', token: 'This link has expired.' },
    });
  });

  it('shows the summary alone when there are no field errors', () => {
    const conflict = parseProblem(409, { title: 'Conflict', detail: 'An account with this e-mail address already exists.' });
    expect(problemToFormErrors(conflict, ['email'])).toEqual({
      form: ['An account with this e-mail address already exists.'],
      fields: {},
    });
  });
});

describe('isExtranetClosed', () => {
  it('recognises the closed-extranet refusal by its type', () => {
    const closed = parseProblem(403, { type: 'https://foyer.example/problems/extranet-closed', title: 'Forbidden', detail: 'Closed.' });
    expect(isExtranetClosed(closed)).toBe(true);
  });

  it('leaves other refusals alone', () => {
    expect(isExtranetClosed(parseProblem(403, { type: 'about:blank', title: 'Forbidden' }))).toBe(false);
    expect(isExtranetClosed(parseProblem(403, null))).toBe(false);
    expect(isExtranetClosed(parseProblem(409, { type: 'urn:x:extranet-closed', title: 'Conflict' }))).toBe(false);
  });
});
