import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpProblem } from './problems.js';
import { fieldErrors, type SchemaError } from './validation-messages.js';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export function sendProblem(reply: import('fastify').FastifyReply, problem: HttpProblem) {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  return reply.code(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem.toJSON()));
}

/** Every error leaves as a problem document; stacks and internals stay in the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    if (error.validation) {
      const errors = fieldErrors(error.validation as SchemaError[], error.validationContext);
      const detail = `The request contains invalid data: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`;
      return sendProblem(reply, new HttpProblem(400, 'Bad Request', detail, errors));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendProblem(reply, new HttpProblem(413, 'Content Too Large', 'The request body is too large.'));
    if (status >= 400 && status < 500) {
      const detail = status === 415 ? 'Send JSON with Content-Type: application/json.' : 'The request could not be understood.';
      return sendProblem(reply, new HttpProblem(status, status === 415 ? 'Unsupported Media Type' : 'Bad Request', detail));
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, new HttpProblem(500, 'Internal Server Error', 'Something went wrong on our side. The error was logged.'));
  });
}
