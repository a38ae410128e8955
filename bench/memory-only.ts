/**
 * The memory and start-up rows alone (bench/memory.ts), for before/after comparisons:
 *   npx tsx bench/memory-only.ts
 */
import { benchMemory } from './memory.ts';

for (const r of await benchMemory()) console.log(`${r.database.padEnd(11)} ${r.benchmark.padEnd(58)} ${r.value}`);
