// The floor under every Foyer answer: the bare hello-world plus only what each request must carry —
// its request id, the API's security headers and its one log line, with Foyer's own code (built).
// No API route can come closer to the hello-world than this. With FLOOR_BODY_FILE, it answers that
// file's bytes (a real Foyer answer, captured by the bench) instead: the cost of the bytes alone.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { LogController } from 'fastify';
import { createLogger, logRequest, requestLogger } from '../dist/server/http/logging.js';
import { registerSecurityHeaders } from '../dist/server/http/security-headers.js';

const app = Fastify({
  loggerInstance: createLogger('info'),
  logController: new LogController({ disableRequestLogging: true }),
  childLoggerFactory: requestLogger,
  genReqId: () => randomUUID(),
  requestIdHeader: false,
});
app.addHook('onResponse', (request, reply, done) => {
  logRequest(app.log, request, reply);
  done();
});
registerSecurityHeaders(app, { secure: false });
const body = process.env.FLOOR_BODY_FILE ? readFileSync(process.env.FLOOR_BODY_FILE) : null;
app.get('/healthz', async (_request, reply) => (body ? reply.type('application/json; charset=utf-8').send(body) : { hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
