import type { Problem } from '../../lib/problem';
import { problemSummary } from '../../lib/problem';

/** What a failed upload says when the server's problem document names no detail of its own. */
const fallbacks: Record<number, string> = {
  0: 'The upload was interrupted before Foyer answered. The file may be larger than Foyer accepts, or the connection dropped.',
  400: 'Foyer refused this file.',
  404: 'This folder is no longer there, or you no longer have access to it.',
  409: 'Nothing can be added here right now: the workspace is archived or the folder is in the trash.',
  413: 'This file is larger than Foyer accepts.',
  415: 'This kind of file is not accepted here.',
  422: 'This file was refused: the virus scanner found a threat in it.',
  503: 'Uploads are paused because files cannot be checked for viruses right now. Try again later.',
  507: 'There is not enough storage space left for this file.',
};

/** One line for the file's row: the problem's own detail first, then what its status means. */
export function uploadProblemMessage(problem: Problem): string {
  if (problem.detail) return problem.detail;
  if (problem.errors.length > 0) return problem.errors.map((error) => error.message).join(' ');
  return fallbacks[problem.status] ?? problemSummary(problem);
}
