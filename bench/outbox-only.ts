/**
 * The outbox drain alone (bench/outbox.ts), on PGlite, or on the server DATABASE_URL names:
 *   npx tsx bench/outbox-only.ts
 */
import { benchOutbox } from './outbox.ts';

const url = process.env.DATABASE_URL;
for (const r of await benchOutbox(url ? 'PostgreSQL' : 'PGlite', url)) console.log(`${r.benchmark.padEnd(60)} ${r.value}`);
