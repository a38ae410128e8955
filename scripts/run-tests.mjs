// Runs every *.test.ts / *.test.tsx under the given folders or files (default: src and test) with
// node's own test runner. Node 20's --test takes no globs, so the files are listed here. The
// database schema is migrated once per run into a template (test/support/template.ts) that each
// test file clones, one process more than cores. Each test file is bundled once
// (scripts/compile-tests.mjs) and the test processes load the JavaScript; TEST_TSX=1 runs the
// sources through tsx instead. The pure rules' files share one process; HTTP and page test files
// share one six at a time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { compileTests, OUT } from './compile-tests.mjs';

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
for (const root of roots) statSync(root).isDirectory() ? walk(root) : files.push(root);
/** Each file's text, read once: the choices below look into it several times. */
const texts = new Map();
const textOf = (f) => {
  if (!texts.has(f)) texts.set(f, readFileSync(f, 'utf8'));
  return texts.get(f);
};
// Longest first, so that no long file starts last and runs alone: browser tests, then the HTTP and
// process tests under test/, then the pure rules under src/, which fill the gaps at the end.
// Files that start processes of their own (the CLI, a server killed and restarted: 15–45 s each)
// come right after the browser tests, so that none of them is left running alone at the end.
const startsProcesses = (f) => /node:child_process|support\/serve-process/.test(textOf(f));
const rank = new Map(files.map((f) => [f, f.startsWith('test/browser/') ? 0 : f.startsWith('test/') ? (startsProcesses(f) ? 1 : 2) : 3]));
files.sort((a, b) => rank.get(a) - rank.get(b) || a.localeCompare(b));

/**
 * Against a PostgreSQL server (DATABASE_URL), only the files whose answer may depend on it run: the pure
 * rules' tests under src/ (dates, amounts, references, profiles: 38 files) give the same answer on
 * either database and ran in the embedded run, which CI and the README run first. A file opens a
 * database when it names the platform, a connection, the test support or DATABASE_URL; every file
 * under test/ does.
 */
const OPENS_A_DATABASE = /db\/connect|openPglite|openDatabase|startPlatform|test\/support|DATABASE_URL|precompiled/;
/**
 * The browser tests (test/browser/) add to the HTTP tests the page in Chromium — layout, focus,
 * axe — which is the same HTML on either database, and every route they drive has its HTTP test
 * under test/api/ or test/pages/, run on both: CI runs them once, in its run on the PostgreSQL
 * server (BROWSER_TESTS_ON_SERVER=1 in its embedded run, .ci/run), where the platform's queries
 * run in the server's processes instead of PGlite's WebAssembly in the test process (late delivery
 * and withdrawal: 37 s of the test processes' CPU on PGlite, 26 s beside the server, whose own
 * share is a few seconds). `npm test` alone runs them on whichever database it is given.
 */
/** The CLI and `npm start` files test the embedded database that a newcomer's machine uses; they say so in their header. */
const EMBEDDED_ONLY = /Embedded database only: scripts\/run-tests\.mjs leaves this file out/;
const isPureRule = (f) => f.startsWith('src/') && !OPENS_A_DATABASE.test(textOf(f));
const isBrowserTest = (f) => f.startsWith('test/browser/');
const sameOnEitherDatabase = (f) => EMBEDDED_ONLY.test(textOf(f)) || isPureRule(f);
const selected = process.env.DATABASE_URL
  ? files.filter((f) => process.env.TEST_ALL_FILES || !sameOnEitherDatabase(f))
  : files.filter((f) => !(process.env.BROWSER_TESTS_ON_SERVER && isBrowserTest(f)));

const template = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', 'build'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (template.status !== 0) process.exit(template.status ?? 1);
const env = { ...process.env, ...JSON.parse(template.stdout) };

/**
 * PGlite's 9 MB of WebAssembly compiled by Liftoff only: a test process lives seconds, and the
 * optimising tier it would otherwise compile in the background cost more CPU than it saved
 * (withdrawal tests: 16.6 → 13.5 s of CPU; a platform's start 4.9 → 3.0 s).
 */
const FLAGS = ['--enable-source-maps', '--liftoff-only'];

/**
 * HTTP and page tests (test/api, test/pages) share a process, a few files each: a process spends
 * ≈ 1.8 s of CPU loading its modules and ≈ 1 s more on its first platform than on the next, paid
 * once per group instead of once per file. Each file still runs as its own suite with its own
 * hooks (test/support/node-test-group.ts). A file that handles process events, exits or spawns a
 * server of its own runs alone.
 */
const FILES_PER_GROUP = 6;
const RUNS_ALONE = /process\.on\(|process\.exit|spawn\(/;
const sharesAProcess = (f) => /^test\/(api|pages)\//.test(f) && !RUNS_ALONE.test(textOf(f));

/** Round-robin over the files in their order, so that the long ones spread over the groups. */
function groupsOf(files) {
  const count = Math.ceil(files.length / FILES_PER_GROUP);
  return Array.from({ length: count }, (_, g) => files.filter((_f, i) => i % count === g));
}

/**
 * What the test runner is given, in this order: the bundled files, the groups of HTTP and page
 * tests in the place of their last file (the files that run alone, as long, start before them),
 * and the pure rules' files (≈ 50, about 10 ms of tests each) bundled as one entry in the place
 * of the first of them.
 */
async function testArguments() {
  if (process.env.TEST_TSX) return { flags: ['--import', 'tsx'], files: selected };
  const pure = selected.filter(isPureRule);
  const others = selected.filter((f) => !pure.includes(f));
  const compiled = await compileTests(others, pure);
  const compiledOf = new Map(others.map((f, i) => [f, compiled[i]]));
  const shared = others.filter(sharesAProcess);
  const runs = [];
  for (const f of selected) {
    if (pure.includes(f)) {
      if (f === pure[0]) runs.push({ name: 'pure-rules.test.js', text: importOf(compiled.at(-1)) });
    } else if (shared.includes(f)) {
      if (f === shared.at(-1)) runs.push(...groupsOf(shared).map((group, i) => ({ name: `group-${i + 1}.test.js`, text: groupOf(group, compiledOf) })));
    } else {
      runs.push({ name: basename(compiledOf.get(f)), text: importOf(compiledOf.get(f)) });
    }
  }
  return { flags: FLAGS, files: inThisOrder(runs) };
}

const fromRun = (compiledFile) => JSON.stringify(`../${compiledFile.slice(OUT.length + 1)}`);
const importOf = (compiledFile) => `await import(${fromRun(compiledFile)});\n`;
const groupOf = (files, compiledOf) =>
  `import { runFilesAsSuites } from '#node-test';\nawait runFilesAsSuites([\n${files.map((f) => `  [${JSON.stringify(f)}, () => import(${fromRun(compiledOf.get(f))})],`).join('\n')}\n]);\n`;

/**
 * Node 20's runner sorts the files it is given by path, which would start the pure rules first and
 * the browser tests last, leaving one long file running alone at the end. A small file per run,
 * named by its rank, imports what it runs: the runner's order is then ours.
 */
function inThisOrder(runs) {
  const dir = join(OUT, 'run');
  mkdirSync(dir, { recursive: true });
  return runs.map(({ name, text }, i) => {
    const wrapper = join(dir, `${String(i).padStart(3, '0')}-${name}`);
    writeFileSync(wrapper, text);
    return wrapper;
  });
}
const { flags, files: testFiles } = await testArguments();

// One file more than cores: browser tests, child servers and SMTP exchanges wait as much as they
// compute, and a third file fills the time they leave (CI measured 1.5 of 2 cores busy with 2).
const concurrency = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 1;
// TEST_REPORT=<file>: a TAP copy of the run too, with each file's and test's duration.
const report = process.env.TEST_REPORT ? ['--test-reporter=tap', `--test-reporter-destination=${process.env.TEST_REPORT}`] : [];
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [...flags, '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', ...report, `--test-concurrency=${concurrency}`, ...testFiles],
  { stdio: 'inherit', env },
);
console.log(`# ${selected.length} test files in ${Math.round((Date.now() - started) / 1000)} s on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
spawnSync(process.execPath, ['--import', 'tsx', 'test/support/template.ts', 'drop'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
