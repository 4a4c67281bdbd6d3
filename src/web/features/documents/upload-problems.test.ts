import { describe, expect, it } from 'vitest';
import { parseProblem } from '../../lib/problem';
import { uploadProblemMessage } from './upload-problems';

describe('uploadProblemMessage', () => {
  it("shows the server's own detail first", () => {
    const problem = parseProblem(507, { title: 'Insufficient Storage', status: 507, detail: 'This workspace has used its storage quota.' });
    expect(uploadProblemMessage(problem)).toBe('This workspace has used its storage quota.');
  });

  it('names field problems when there is no detail', () => {
    const problem = parseProblem(400, {
      title: 'Bad Request',
      status: 400,
      errors: [{ path: '/file', message: 'The name must not be empty.' }],
    });
    expect(uploadProblemMessage(problem)).toBe('The name must not be empty.');
  });

  it('explains each upload refusal without a detail', () => {
    expect(uploadProblemMessage(parseProblem(413, null))).toMatch(/larger than Foyer accepts/);
    expect(uploadProblemMessage(parseProblem(507, null))).toMatch(/storage space/);
    expect(uploadProblemMessage(parseProblem(422, null))).toMatch(/virus/);
    expect(uploadProblemMessage(parseProblem(503, null))).toMatch(/cannot be checked for viruses/);
    expect(uploadProblemMessage(parseProblem(409, null))).toMatch(/archived/);
    expect(uploadProblemMessage(parseProblem(0, null))).toMatch(/interrupted/);
  });

  it('falls back to the summary for anything else', () => {
    expect(uploadProblemMessage(parseProblem(500, null))).toMatch(/error 500/);
  });
});
