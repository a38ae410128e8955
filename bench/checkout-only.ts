/**
 * The checkout benchmark alone (bench/checkout.ts), for before/after comparisons:
 *   BENCH_ANCHOR=0 BENCH_PHASES=a,c BENCH_CPU_PROFILE=/tmp/prof npx tsx bench/checkout-only.ts
 * then `npx tsx bench/cpuprofile-summary.ts /tmp/prof/a.cpuprofile <orders>`.
 */
import { benchCheckout } from './checkout.ts';

const rows = await benchCheckout();
const width = Math.max(...rows.map((r) => r.benchmark.length));
for (const r of rows) console.log(`${r.benchmark.padEnd(width)}  ${r.value}`);
