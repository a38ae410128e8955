/**
 * Bundles each test file once per test run into `.build-test/<embedded|server>/` (an ES module holding the file and
 * every source of ours it imports; packages stay in node_modules), so a test process loads one
 * module instead of resolving and compiling ≈ 400 (issue 9 "tests that take less time": 1.8 s of
 * CPU per test file through tsx's loader hooks, 0.9 s compiled file by file, then bundled). The
 * pure rules' files (`group`) are bundled together into one entry, run by one process. Each
 * source keeps its own `import.meta.url`, so what it resolves next to itself (assets, fonts,
 * package.json, sibling sources) is found where it was. scripts/run-tests.mjs calls it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** One folder per database, so that a run on each, at the same time, never overwrites the other's bundles. */
export const OUT = join('.build-test', process.env.DATABASE_URL ? 'server' : 'embedded');

/** The shim that lets files share a process (test/support/node-test-group.ts) stands for `node:test` in every bundle but its own. */
const SHIM = 'test/support/node-test-group.ts';
const nodeTestShim = {
  name: 'node-test-shim',
  setup(b) {
    b.onResolve({ filter: /^node:test$/ }, (args) => (args.importer.endsWith(SHIM) ? undefined : { path: '#node-test', external: true }));
  },
};

const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** Where a test source is bundled: `test/a.test.ts` → `.build-test/embedded/test/a.test.js`. */
const outPath = (source) => join(OUT, source.replace(/\.tsx?$/, '.js'));

/**
 * Bundles `files` (test sources, relative to the root) one entry each, and `group` (the pure
 * rules' files) into one entry; returns the compiled path of each, the group's last.
 */
export async function compileTests(files, group = []) {
  rmSync(join(root, OUT), { recursive: true, force: true });
  mkdirSync(join(root, OUT), { recursive: true });
  const entryPoints = [...files.map((f) => ({ in: f, out: f.replace(/\.tsx?$/, '') })), { in: SHIM, out: 'node-test' }];
  const groupEntry = join(OUT, 'pure-rules.entry.ts');
  if (group.length > 0) {
    writeFileSync(join(root, groupEntry), `${group.map((f) => `import ${JSON.stringify(relative(OUT, f))};`).join('\n')}\n`);
    entryPoints.push({ in: groupEntry, out: 'pure-rules.test' });
  }
  await build({
    absWorkingDir: root, entryPoints, outdir: join(root, OUT), bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20',
    jsx: 'automatic', jsxImportSource: '#jsx', sourcemap: true, sourcesContent: false, logLevel: 'warning', plugins: [nodeTestShim, ownImportMetaUrl],
  });
  // `#jsx/jsx-runtime` is bundled through the root package.json's imports; `#node-test` is the shim.
  writeFileSync(join(root, OUT, 'package.json'), JSON.stringify({ type: 'module', imports: { '#node-test': './node-test.js' } }));
  return [...files.map(outPath), ...(group.length > 0 ? [join(OUT, 'pure-rules.test.js')] : [])];
}
