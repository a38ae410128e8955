/**
 * The floors of ../shared/DESIGN.md § Layout, kept by a tool rather than a reviewer's memory.
 * An import only ever goes down:
 *   4 web/ (pages, JSON API)  ·  composition: main.ts, app.ts, platform/
 *   3 flows/ (one file per action spanning capabilities)
 *   2 capabilities: catalogue checkout orders payments invoicing (+ those to come)
 *   1 base: shops accounts legal notifications jobs
 *   0 kernel/ db/
 * A capability never imports a sibling; rules.ts files are pure (kernel only, no I/O).
 *
 * CI runs `depcruise src --ignore-known`: the violations of the code as it stood when these rules
 * were written are listed in .dependency-cruiser-known-violations.json (issue 9's redesign removes
 * them); any new one fails the build. Regenerate the list only when it shrinks:
 *   npx depcruise src --output-type baseline > .dependency-cruiser-known-violations.json
 */
const CAPABILITIES = '(catalogue|checkout|orders|payments|invoicing|campaigns|receivables|aftersale|privacy|rounds|delivery)';
const BASE = '(shops|accounts|legal|notifications|jobs)';
const ABOVE_BASE = `^src/web/(?!jsx/)|^src/(flows|platform|${CAPABILITIES.slice(1, -1)})/|^src/(app|main)\\.ts$`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Imports form no cycle: each floor and room can be read, tested and changed on its own.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'kernel-and-db-know-no-capability',
      severity: 'error',
      comment: 'Floor 0 (kernel, db) imports nothing above it.',
      from: { path: '^src/(kernel|db)/' },
      to: { path: `^src/(${BASE.slice(1, -1)})/|${ABOVE_BASE}` },
    },
    {
      name: 'base-imports-no-capability',
      severity: 'error',
      comment: 'Floor 1 (shops, accounts, legal, notifications, jobs) imports only floor 0 and itself.',
      from: { path: `^src/${BASE}/` },
      to: { path: ABOVE_BASE },
    },
    {
      name: 'capability-imports-no-sibling',
      severity: 'error',
      comment: 'A capability never imports a sibling; what spans two is a flow (STYLE.md §5).',
      from: { path: `^src/${CAPABILITIES}/` },
      to: { path: `^src/${CAPABILITIES}/`, pathNot: '^src/$1/' },
    },
    {
      name: 'capability-imports-nothing-above',
      severity: 'error',
      comment: 'Capabilities do not import flows, pages or the composition root.',
      from: { path: `^src/${CAPABILITIES}/` },
      to: { path: '^src/web/(?!jsx/)|^src/(flows|platform)/|^src/(app|main)\\.ts$' },
    },
    {
      name: 'flows-import-no-web',
      severity: 'error',
      comment: 'A flow is called by pages and API, never the other way round.',
      from: { path: '^src/flows/' },
      to: { path: '^src/(web|platform)/|^src/(app|main)\\.ts$' },
    },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: 'rules.ts files take values and return decisions: no database, network, files, clock or rendering (STYLE.md §3).',
      from: { path: '(^|/)rules\\.ts$|-rules\\.ts$' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: [
          '^src/db/',
          '(^|/)(queries|service|api|routes|jobs|outbox|mailers|boot)\\.tsx?$',
          'node_modules/(kysely|pg|@electric-sql|fastify|@fastify|nodemailer|pdfkit|stripe|qrcode|argon2)/',
          '^(fs|fs/promises|net|http|https|child_process|dgram|dns|tls|worker_threads)$',
          '^src/kernel/clock\\.ts$',
        ],
      },
    },
    {
      name: 'tests-stay-out-of-src-imports',
      severity: 'error',
      comment: 'Production code never imports test code.',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test/|\\.test\\.tsx?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
