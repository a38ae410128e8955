// Runs every *.test.ts / *.test.tsx under the given folders (default: src and test) with
// node's own test runner, TypeScript loaded through tsx. Node 20's --test takes no globs,
// so the files are listed here. The database schema is migrated once per run into a template
// (test/support/template.ts) that each test file clones, and files run one per core.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['src', 'test'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.test\.tsx?$/.test(name)) files.push(path);
  }
}
for (const root of roots) walk(root);
files.sort();

const template = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', 'build'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (template.status !== 0) process.exit(template.status ?? 1);
const env = { ...process.env, ...JSON.parse(template.stdout) };

// One file more than cores: browser tests, child servers and SMTP exchanges wait as much as they
// compute, and a third file fills the time they leave (CI measured 1.5 of 2 cores busy with 2).
const concurrency = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 1;
const started = Date.now();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files],
  { stdio: 'inherit', env },
);
console.log(`# ${files.length} test files in ${Math.round((Date.now() - started) / 1000)} s on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', 'drop'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
