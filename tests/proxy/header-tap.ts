/**
 * A byte-for-byte TCP relay between a proxy and one portal that writes down, for each request the proxy sends, the
 * request line and every X-Forwarded-For and X-Forwarded-Proto header it carries: what the portal received, which its
 * own answers never show. One JSON line per request in `recordFile` (the specs run in another process). Request bodies
 * are skipped by their Content-Length; a chunked body ends the recording of that connection (the relay goes on). A
 * request whose line holds UPSTREAM_FAILURE gets no answer: the relay drops both connections, as a portal that crashed
 * mid-request would, so the specs can see what the proxy logs about a failed request.
 */
import { appendFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';

export const UPSTREAM_FAILURE = 'proxy-suite-upstream-failure';

export interface TappedRequest {
  request: string;
  forwardedFor: string[];
  forwardedProto: string[];
}

export interface HeaderTap {
  /** `127.0.0.1:<port>`, to give the proxy instead of the portal's address. */
  host: string;
  close(): Promise<void>;
}

/** Reads requests out of one connection's bytes, as they come. */
function recorder(recordFile: string, fail: () => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let bodyLeft = 0;
  let stopped = false;
  return (chunk) => {
    if (stopped) return;
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (bodyLeft > 0) {
        const skip = Math.min(bodyLeft, pending.length);
        pending = pending.subarray(skip);
        bodyLeft -= skip;
        if (bodyLeft > 0) return;
      }
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [requestLine = '', ...lines] = pending.subarray(0, end).toString('latin1').split('\r\n');
      pending = pending.subarray(end + 4);
      const values = (name: string) =>
        lines
          .filter((line) => line.toLowerCase().startsWith(`${name}:`))
          .map((line) => line.slice(name.length + 1).trim());
      const record: TappedRequest = {
        request: requestLine.replace(/ HTTP\/1\.[01]$/, ''),
        forwardedFor: values('x-forwarded-for'),
        forwardedProto: values('x-forwarded-proto'),
      };
      appendFileSync(recordFile, `${JSON.stringify(record)}\n`);
      if (record.request.includes(UPSTREAM_FAILURE)) {
        stopped = true;
        fail();
        return;
      }
      if (values('transfer-encoding').some((value) => value.toLowerCase().includes('chunked'))) {
        stopped = true;
        return;
      }
      bodyLeft = Number(values('content-length')[0] ?? 0);
    }
  };
}

export async function startHeaderTap(portalHost: string, recordFile: string): Promise<HeaderTap> {
  const target = new URL(`http://${portalHost}`);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', recorder(recordFile, end));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the header tap has no port');
  return {
    host: `127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
