/**
 * The baseline for the intake benchmark (bench/sections/intake-throughput.ts): a bare `node:http` server doing the
 * least a durable "create" endpoint can do on the portal's engines. For each `POST /` it reads the body (at most 16 KB,
 * as the portal does), parses it as JSON, INSERTs one row with a random id into a one-table schema inside a
 * transaction, and answers 201 after the commit. No framework, no validation, no encryption, no anti-abuse gate.
 *
 * Run as its own process (`node bench/bare-handler.ts`) with:
 *   BARE_PORT           the port to listen on (127.0.0.1 only)
 *   BARE_DATABASE_URL   PostgreSQL (a pool of 10, as the portal's), or else
 *   BARE_DATA_DIR       PGlite in this folder (made if missing), with PGlite's default options, as the portal's
 * It prints one line `listening <port>` when ready, and stops cleanly (database closed) on SIGTERM or SIGINT.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const MAX_BODY_BYTES = 16 * 1024;
const SCHEMA = `create table if not exists bench_request (
  id uuid primary key,
  received_at timestamptz not null default now(),
  body jsonb not null
)`;
const INSERT = 'insert into bench_request (id, body) values ($1, $2)';

interface Store {
  insert(id: string, json: string): Promise<void>;
  close(): Promise<void>;
}

async function openStore(): Promise<Store> {
  const url = process.env['BARE_DATABASE_URL'];
  if (url !== undefined && url !== '') {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined);
    await pool.query(SCHEMA);
    return {
      async insert(id, json) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query(INSERT, [id, json]);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const dataDir = process.env['BARE_DATA_DIR'];
  if (dataDir === undefined || dataDir === '') throw new Error('set BARE_DATABASE_URL or BARE_DATA_DIR');
  const db = await PGlite.create({ dataDir });
  await db.exec(SCHEMA);
  return {
    async insert(id, json) {
      await db.transaction(async (tx) => {
        await tx.query(INSERT, [id, json]);
      });
    },
    close: () => db.close(),
  };
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function main(): Promise<void> {
  const port = Number(process.env['BARE_PORT']);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('set BARE_PORT');
  const store = await openStore();

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/') return answer(res, 404, { error: 'POST / only' });
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return answer(res, 413, { error: 'too large' });
      let json: string;
      try {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
        json = JSON.stringify(body);
      } catch {
        return answer(res, 400, { error: 'malformed' });
      }
      const id = randomUUID();
      store.insert(id, json).then(
        () => answer(res, 201, { id }),
        () => answer(res, 503, { error: 'database' }),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  process.stdout.write(`listening ${port}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      void store.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare-handler: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
