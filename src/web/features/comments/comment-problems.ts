import { type Problem, problemSummary } from '../../lib/problem';
import type { Mentionable } from './types';

export interface CommentFormProblems {
  /** Shown under the text field. */
  body: string | null;
  /** Shown above the form, one per line. */
  form: string[];
}

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toLocaleUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/**
 * The server's refusal, in the comment form's words: a problem with the text beside the field, a
 * refused mention by the name that was picked (`/mentionIds/0` → "@Tom Technician is not someone
 * you may mention here."), and anything else (403 not allowed to comment, 409 archived workspace)
 * as the problem document's own message.
 */
export function commentProblems(problem: Problem, mentionIds: readonly string[], picked: readonly Mentionable[]): CommentFormProblems {
  if (problem.status !== 400 || problem.errors.length === 0) return { body: null, form: [problemSummary(problem)] };
  let body: string | null = null;
  const form: string[] = [];
  for (const error of problem.errors) {
    const mention = /^\/mentionIds\/(\d+)$/.exec(error.path);
    let message: string;
    if (error.path === '/body') {
      body ??= sentence(error.message);
      continue;
    } else if (mention) {
      const id = mentionIds[Number(mention[1])];
      const name = picked.find((person) => person.id === id)?.name;
      message = name ? `@${name} ${error.message.trim()}` : `One of the people mentioned ${error.message.trim()}`;
    } else if (error.path === '/mentionIds') {
      message = `Too many people are mentioned: the list ${error.message.trim()}`;
    } else {
      message = error.message;
    }
    const text = sentence(message);
    if (!form.includes(text)) form.push(text);
  }
  return { body, form };
}
