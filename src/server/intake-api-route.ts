/**
 * `POST /api/intake` served by the portal's own `node:http` server, before Astro's handler: the intake is the one hot
 * write path, and Astro's pipeline (a web `Request` built from the Node request, route matching, middleware, a web
 * `Response` copied back) cost more per request than the route's own work once the write became one statement. The
 * answer is the same in every respect: the same function (`answerIntakeApi`) decides it, with the same services, the
 * same anti-abuse gate and the same client keying; the security headers are set by the server before this runs. Other
 * methods on the path still go to Astro's route (405).
 */
import type http from 'node:http';
import { answerIntakeApi } from '#src/features/intake/api.server.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { readLimitedNodeBody } from '#src/lib/read-limited-body.ts';
import type { DirectRoute } from './http-server.ts';

export const intakeApiRoute: DirectRoute = {
  method: 'POST',
  path: '/api/intake',
  async serve(req, res) {
    try {
      const answer = await answerIntakeApi(
        {
          url: req.url ?? '/api/intake',
          header: (name) => headerValue(req, name),
          readBody: (limit) => readLimitedNodeBody(req, limit),
        },
        { clientKey: async (services) => (await services.antiAbuse()).keyer.clientKeyOfNode(req) },
      );
      res.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    } catch (error) {
      // Only the body stream can fail here (the client went away): there is no one to answer.
      log.warn('intake.request_aborted', { problem: describeError(error) });
      res.destroy();
    }
  },
};

function headerValue(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
