// The floor under every Foyer answer: the bare hello-world plus only what each request must carry —
// its request id, the API's security headers and its one log line, with Foyer's own code (built).
// No API route can come closer to the hello-world than this.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import { createLogger, requestLine } from '../dist/server/http/logging.js';
import { registerSecurityHeaders } from '../dist/server/http/security-headers.js';

const app = Fastify({
  loggerInstance: createLogger('info'),
  logController: new LogController({ disableRequestLogging: true }),
  genReqId: () => randomUUID(),
  requestIdHeader: false,
});
app.addHook('onResponse', (request, reply, done) => {
  request.log.info(requestLine(request, reply), 'request completed');
  done();
});
registerSecurityHeaders(app, { secure: false });
app.get('/healthz', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('listening\n');
