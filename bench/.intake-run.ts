import { intakeThroughputTable } from './sections/intake-throughput.ts';
process.stdout.write(`${await intakeThroughputTable({ postgresAdminUrl: 'postgres://postgres@127.0.0.1:5432/postgres' })}\n`);
