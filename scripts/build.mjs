/**
 * Compiles the server into one ES module, `.build/comptoir.mjs`, for `npm start` (issue 9: memory
 * and start-up). Run through tsx, the TypeScript loader's hooks thread keeps every transpiled
 * module and costs about 95 MB of resident memory and a second of start-up; the compiled bundle
 * needs neither. Packages stay in node_modules (not bundled). Each source file keeps its own
 * `import.meta.url`, so paths it resolves next to itself (the web assets, package.json) are the
 * same as under tsx. Development and tests still run the sources through tsx.
 *
 * Usage: node scripts/build.mjs   (about 1 s; `npm start` runs it first)
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Replaces `import.meta.url` in each source file by that file's own URL, as tsx would give it. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: '.build/comptoir.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: '#jsx',
  sourcemap: true,
  // Stack traces need the map's lines, not the sources' text (12 MB of resident memory with it, issue 9).
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [ownImportMetaUrl],
});
