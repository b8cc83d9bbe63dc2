// The layering of shared/ (README, "Development"), as an allowlist: an import
// that no rule below allows fails `npm run lint:layers`, and so `npm test`.
// Arrows point inward: runtime/cli/functions -> app -> formats -> domain;
// aws -> app/ports + formats/aws-shapes + domain.

const npm = '^node_modules/';

/** One allowed arrow: files matching `from` may import files matching any of `to`. */
const allow = (comment, from, ...to) => ({
  comment,
  from: { path: from },
  to: { path: to.length === 1 ? to[0] : `(${to.join('|')})` },
});

module.exports = {
  allowedSeverity: 'error',
  allowed: [
    allow('domain is pure: it imports only itself', '^shared/domain/', '^shared/domain/'),
    allow(
      'formats parse text into domain types (valibot, yaml, reading a file)',
      '^shared/formats/',
      '^shared/(domain|formats)/',
      '^node_modules/(valibot|yaml)/',
    ),
    allow(
      'app, the imperative shell, drives the domain through its ports',
      '^shared/app/',
      '^shared/(domain|formats|app)/',
    ),
    allow(
      'aws adapters implement the ports: SDK in, domain types out',
      '^shared/aws/',
      '^shared/domain/',
      '^shared/app/ports[.]ts$',
      '^shared/formats/aws-shapes[.]ts$',
      '^shared/aws/',
      '^node_modules/@aws-sdk/',
      '^node_modules/@smithy/',
    ),
    allow(
      'runtime wires everything for Lambda, and is the only reader of process.env',
      '^shared/runtime/',
      '^shared/',
      npm,
    ),
    allow(
      'sim drives the real app over in-memory ports and renders its report',
      '^shared/sim/',
      '^shared/(domain|formats|app|sim)/',
      '^node_modules/(esbuild)/',
    ),
    allow(
      'functions are thin: parse, call the use case, return',
      '^functions/',
      '^shared/(domain|formats|app|runtime)/',
      '^node_modules/@types/aws-lambda/',
    ),
    allow(
      'the CLI and the scripts sit outside, over the same use cases',
      '^(cli|scripts)/',
      '^(shared|cli|scripts)/',
      npm,
    ),
    {
      comment: "Node's own modules, everywhere but the domain",
      from: { pathNot: '^shared/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    allow('benchmarks and tests may reach anything', '^(bench|test)/', '.'),
    allow('root configuration files', '^[^/]+$', '.'),
  ],
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle of imports that run blurs which module is the inner one (a file may still name a type of the module that uses it).',
      from: { path: '^shared/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Git worktrees share one node_modules through a symlink: resolve it as installed.
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    exclude: { path: '^(node_modules|dist|coverage|[.]serverless)/' },
  },
};
