import { type Problem, problemSummary } from '../../lib/problem';

/**
 * The sentence shown when attaching a document is refused. The server names the field and the
 * reason ("/documentId": "is not a document of this workspace"); other refusals keep their summary.
 */
export function attachProblemMessage(problem: Problem): string {
  const reason = problem.status === 400 ? problem.errors.find((error) => error.path === '/documentId')?.message.trim() : undefined;
  if (!reason) return problemSummary(problem);
  const sentence = reason.startsWith('is ') ? `This document ${reason}` : `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
