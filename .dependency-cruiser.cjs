// The import rules of the house (docs/architecture.md, "Modules" and "Rules of the house"), checked by
// `npm run check:imports` (part of `npm test`). Run it over src/: test/, bench/ and scripts/ may import
// what they need to drive the platform from outside.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-module',
      comment:
        'src/core is the shared infrastructure every module builds on: it must not know the modules, the ' +
        'composition root (platform.ts, gateway.ts), the runtime or the CLI, or it could not be used without them.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/modules/', '^src/platform\\.ts$', '^src/gateway\\.ts$', '^src/runtime/', '^src/cli/'] },
    },
    {
      name: 'module-through-index',
      comment:
        "A module reaches another module only through that module's index.ts, its public face; everything else " +
        'in the folder is private to it (type-only imports too). Tests beside the code may reach into another ' +
        "module's internals to build fixtures; production code may not.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-through-faces',
      comment:
        'The composition root, the runtime, telemetry and the CLI reach a module through its public face as well: ' +
        'its index.ts, or one of the light faces named below, files of the module that load little beyond ' +
        'themselves, for a CLI command that must start without loading the whole module (seconds of CPU).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/core/', '\\.test\\.ts$'] },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: [
          '^src/modules/[^/]+/index\\.ts$',
          // The agent catalogue (one type import): `token --agents` checks names against it (src/cli/agentsOption.ts).
          '^src/modules/intelligence/agentCatalogue\\.ts$',
          // Vault's engines without the database or the rest of the secrets module: the KV and transit commands
          // on Vault alone (vaultAlone in src/cli/secretsCommands.ts).
          '^src/modules/secrets/vault/vaultBackend\\.ts$',
        ],
      },
    },
    {
      name: 'module-imports-no-composition',
      comment:
        'The composition root (platform.ts, gateway.ts), the runtime and the CLI sit above the modules and ' +
        'build them; a module that imported them would depend on every other module. A test beside a module ' +
        'may build the whole platform to drive the module through it.',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/platform\\.ts$', '^src/gateway\\.ts$', '^src/runtime/', '^src/cli/'] },
    },
    {
      name: 'no-runtime-cycle',
      comment:
        'A cycle of runtime imports makes evaluation order matter (a module can see another half-initialised). ' +
        'Cycles through type-only imports are erased before the code runs, so they are allowed.',
      severity: 'error',
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: ['type-only', 'type-import'],
        viaOnly: { dependencyTypesNot: ['type-only', 'type-import'] },
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tell `import type` apart from runtime imports (the module rule covers both; the cycle rule only the latter).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
