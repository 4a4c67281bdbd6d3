import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../lib/problem';
import { attachProblemMessage } from './attachment-problems';

const refused = (message: string, path = '/documentId') =>
  parseProblem(400, { title: 'Bad Request', detail: 'The request contains invalid data.', errors: [{ path, message }] });

describe('attachProblemMessage', () => {
  it('turns the field reason of a 400 into a sentence about the document', () => {
    expect(attachProblemMessage(refused('is not a document of this workspace'))).toBe('This document is not a document of this workspace.');
    expect(attachProblemMessage(refused('a task holds at most 50 documents'))).toBe('A task holds at most 50 documents.');
  });

  it('keeps the summary for other fields and other statuses', () => {
    expect(attachProblemMessage(refused('must be an id', '/other'))).toBe('The request contains invalid data.');
    expect(attachProblemMessage(parseProblem(409, { title: 'Conflict', detail: 'This workspace is archived.' }))).toBe(
      'This workspace is archived.',
    );
    expect(attachProblemMessage(parseProblem(404, null))).toBe('This item was not found.');
  });
});
