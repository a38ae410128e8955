/**
 * `node:test` as the test files see it once bundled (scripts/compile-tests.mjs): the real module,
 * except that a group of files can share one process. Nearly every file declares its tests and its
 * `before`/`after` hooks at the top level, where a second file in the same process would share the
 * root's hooks; `runFilesAsSuites` collects each file's top-level declarations while it loads and
 * declares them again inside one `describe` per file, so each file keeps its own hooks. Run alone,
 * a file calls the real functions directly.
 */
import * as nodeTest from 'node:test';

let collecting: (() => unknown)[] | null = null;

/** The real function, or, while a group's file loads, a record of the call to make later. */
function deferred<F extends (...args: never[]) => unknown>(real: F): F {
  return ((...args: Parameters<F>) => {
    if (collecting === null) return real(...args);
    collecting.push(() => real(...args));
    return undefined;
  }) as F;
}

export const test = deferred(nodeTest.test);
export const it = deferred(nodeTest.it);
export const describe = deferred(nodeTest.describe);
export const suite = deferred(nodeTest.describe);
export const before = deferred(nodeTest.before);
export const after = deferred(nodeTest.after);
export const beforeEach = deferred(nodeTest.beforeEach);
export const afterEach = deferred(nodeTest.afterEach);
export const mock = nodeTest.mock;
export default test;

/** Loads each file, then declares what it declared at its top level inside a `describe` named after it. */
export async function runFilesAsSuites(files: readonly [name: string, load: () => Promise<unknown>][]): Promise<void> {
  const suites: [string, (() => unknown)[]][] = [];
  for (const [name, load] of files) {
    collecting = [];
    try {
      await load();
      suites.push([name, collecting]);
    } finally {
      collecting = null;
    }
  }
  for (const [name, calls] of suites) {
    nodeTest.describe(name, () => {
      for (const call of calls) call();
    });
  }
}
