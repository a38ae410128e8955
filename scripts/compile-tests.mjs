/**
 * Compiles src/ and test/ once per test run into `.build-test/` (plain ES modules, inline source
 * maps), so each test process loads JavaScript instead of transpiling ≈ 400 modules through tsx's
 * loader hooks (1.8 s of CPU per test file, 0.9 s compiled; issue 9 "tests that take less time").
 * The same esbuild transform tsx applies; relative `.ts`/`.tsx` specifiers become `.js`, and each
 * file keeps its own `import.meta.url`, so what it resolves next to itself (assets, fonts,
 * package.json, sibling sources) is found where it was. scripts/run-tests.mjs calls it.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUT = '.build-test';

const RELATIVE_TS = /(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]+?)\.tsx?\2/g;

const ownUrlAndJsSpecifiers = {
  name: 'own-import-meta-url-and-js-specifiers',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = (await readFile(args.path, 'utf8'))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replace(RELATIVE_TS, (_m, keyword, quote, path) => `${keyword}${quote}${path}.js${quote}`);
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

function sources(dir, into) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, into);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) into.push(path);
  }
  return into;
}

/** Compiles; returns the compiled path of a source path (`test/a.test.ts` → `.build-test/test/a.test.js`). */
export async function compileTests() {
  const entryPoints = ['src', 'test'].flatMap((d) => sources(join(root, d), []));
  await build({
    absWorkingDir: root, entryPoints, outdir: join(root, OUT), outbase: root, bundle: false, platform: 'node', format: 'esm', target: 'node20',
    jsx: 'automatic', jsxImportSource: '#jsx', sourcemap: 'inline', logLevel: 'warning', plugins: [ownUrlAndJsSpecifiers],
  });
  // `#jsx/jsx-runtime` resolves through the nearest package.json: this one points at the compiled runtime.
  const runtime = './src/web/jsx/jsx-runtime.js';
  writeFileSync(join(root, OUT, 'package.json'), JSON.stringify({ type: 'module', imports: { '#jsx/jsx-runtime': runtime, '#jsx/jsx-dev-runtime': runtime } }));
  return (source) => join(OUT, source.replace(/\.tsx?$/, '.js'));
}
