// Runs every *.test.ts / *.test.tsx under the given folders (default: src and test) with
// node's own test runner, TypeScript loaded through tsx. Node 20's --test takes no globs,
// so the files are listed here. The database schema is migrated once per run into a template
// (test/support/template.ts) that each test file clones, and files run one per core.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
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
// Longest first, so that no long file starts last and runs alone: browser tests, then the HTTP and
// process tests under test/, then the pure rules under src/, which fill the gaps at the end.
const rank = (f) => (f.startsWith('test/browser/') ? 0 : f.startsWith('test/') ? 1 : 2);
files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

/**
 * Against a PostgreSQL server (DATABASE_URL), only the files whose answer may depend on it run: the pure
 * rules' tests under src/ (dates, amounts, references, profiles: 38 files) give the same answer on
 * either database and ran in the embedded run, which CI and the README run first. A file opens a
 * database when it names the platform, a connection, the test support or DATABASE_URL; every file
 * under test/ does.
 */
const OPENS_A_DATABASE = /db\/connect|openPglite|openDatabase|startPlatform|test\/support|DATABASE_URL|precompiled/;
/**
 * The browser tests (test/browser/) also run in the embedded run only: what they add to the HTTP
 * tests is the page in Chromium — layout, focus, axe — which is the same HTML on either database;
 * every route they drive has its HTTP test under test/api/ or test/pages/, which runs on both.
 */
/** The CLI and `npm start` files test the embedded database that a newcomer's machine uses; they say so in their header. */
const EMBEDDED_ONLY = /Embedded database only: scripts\/run-tests\.mjs leaves this file out/;
const sameOnEitherDatabase = (f) => {
  if (f.startsWith('test/browser/')) return true;
  const text = readFileSync(f, 'utf8');
  return EMBEDDED_ONLY.test(text) || (f.startsWith('src/') && !OPENS_A_DATABASE.test(text));
};
const selected = process.env.DATABASE_URL && !process.env.TEST_ALL_FILES ? files.filter((f) => !sameOnEitherDatabase(f)) : files;

const template = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', 'build'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (template.status !== 0) process.exit(template.status ?? 1);
const env = { ...process.env, ...JSON.parse(template.stdout) };

// One file more than cores: browser tests, child servers and SMTP exchanges wait as much as they
// compute, and a third file fills the time they leave (CI measured 1.5 of 2 cores busy with 2).
const concurrency = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 1;
const started = Date.now();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...selected],
  { stdio: 'inherit', env },
);
console.log(`# ${selected.length} test files in ${Math.round((Date.now() - started) / 1000)} s on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', 'drop'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
