/**
 * Where a .cpuprofile's time went (bench/checkout.ts writes one per phase with BENCH_CPU_PROFILE):
 * the top functions by self time, the top modules (a package under node_modules, a file of ours,
 * or V8's own entries such as GC), and the top functions by inclusive time (each counted once per
 * sample, however deep the recursion). With an order count, every figure is also ms per order.
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [orders] [top=30]
 */
import { readFileSync } from 'node:fs';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, ordersArg, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuprofile-summary.ts <file.cpuprofile> [orders] [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const orders = ordersArg ? Number(ordersArg) : 0;
const top = topArg ? Number(topArg) : 30;

/** A module: the package (node_modules/@scope/name), else the path from src/, test/ or bench/. */
function moduleOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native/builtin)';
  if (url.startsWith('node:')) return url;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const own = /\/(src|test|bench)\/.*$/.exec(url);
  return own ? own[0].slice(1) : url;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const key = (f: CallFrame) => `${f.functionName || '(anonymous)'}  ${moduleOf(f.url, f.functionName)}:${f.lineNumber + 1}`;

const self = new Map<string, number>();
const modules = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000; // µs → ms
  const node = byId.get(id);
  if (!node) return;
  total += dt;
  if (node.callFrame.functionName === '(idle)') idle += dt;
  const k = key(node.callFrame);
  self.set(k, (self.get(k) ?? 0) + dt);
  const m = moduleOf(node.callFrame.url, node.callFrame.functionName);
  modules.set(m, (modules.get(m) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at);
    if (!n) break;
    const kk = key(n.callFrame);
    if (seen.has(kk)) continue;
    seen.add(kk);
    inclusive.set(kk, (inclusive.get(kk) ?? 0) + dt);
  }
});

const busy = total - idle;
const row = (name: string, t: number) => `${t.toFixed(0).padStart(7)} ms ${((100 * t) / busy).toFixed(1).padStart(5)} %${orders ? ` ${(t / orders).toFixed(3).padStart(7)} ms/order` : ''}  ${name}`;
const print = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(row(k, t));
};
console.log(`${file}: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle, ${busy.toFixed(0)} ms busy${orders ? `, ${orders} orders: ${(busy / orders).toFixed(3)} ms busy per order` : ''} (percentages of busy time)`);
print(`Top ${top} functions by self time`, self, top);
print('Top 25 modules by self time', modules, 25);
print(`Top ${top} functions by inclusive time`, inclusive, top);
