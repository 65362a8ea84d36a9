import type { FastifyPluginAsync, FastifyTypeProvider, RawServerDefault } from 'fastify';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import type { ModuleMigrations } from './db/moduleMigrations.ts';
import type { ServiceHealth } from './health.ts';
import type { Lease } from './lease/leases.ts';
import type { ReferenceResource, ToolDomain, ToolPrompt } from './tool.ts';

/** Routes a module mounts on the gateway (PORT). */
interface GatewayRoutes {
  /** e.g. `/api/v1/intelligence`; none mounts at the root. */
  prefix?: string;
  // Modules write their routes with or without the zod type provider; the gateway mounts either.
  plugin: FastifyPluginAsync<Record<never, never>, RawServerDefault, FastifyTypeProvider>;
}

/**
 * Background work that feeds the platform (a poller, an engine); the agents component runs every module's, each on
 * one node at a time under a lease named after it (`worker:<name>`, src/core/lease/workerLease.ts).
 */
export interface Worker {
  name: string;
  /** Starts it once this node holds its lease (for the writes it fences); resolves with the function that stops it. */
  start(lease: Lease): Promise<() => Promise<void>>;
}

/**
 * What a built module offers the platform. Every field is optional; a module
 * adds its own public services (what other modules may use) beside them.
 */
export interface ModuleFace {
  /** The module's own services, for the modules that name it as a dependency. */
  readonly [service: string]: unknown;
  /** Tools served over MCP, REST `/execute` and the chat. */
  tools?: ToolDomain;
  /** MCP resources: reference data a client loads without calling a tool. */
  resources?: ReferenceResource[];
  /** MCP prompts that steer a model to this module's tools. */
  prompts?: ToolPrompt[];
  gatewayRoutes?: GatewayRoutes[];
  /** Services of its own that `/health` probes beside the database, cache and bus (the secrets store). */
  healthProbes?: Record<string, () => Promise<ServiceHealth>>;
  workers?: Worker[];
  /**
   * Run once when the platform is built, after every module is constructed and
   * the migrations have run: subscriptions, demo seeding, cache rebuilds.
   * Constructors themselves do no I/O.
   */
  prepare?(): Promise<void>;
}

/** A built module, named, in composition order. */
interface ModuleEntry {
  name: string;
  face: ModuleFace;
}

/** What every component and the gateway see of a built platform. */
export interface Platform {
  ctx: AppContext;
  modules: readonly ModuleEntry[];
}

/** A long-running part of a node (an HTTP app, the agents); `alphanest serve <name>` runs one alone. */
export interface Component {
  name: string;
  /** Where a person can reach it; printed before anything else at start. */
  urls?(config: Config): string[];
  /** Starts it; resolves with the function that stops it. */
  start(platform: Platform): Promise<() => Promise<void>>;
}

/** A component a module contributes: it starts from its own module's face. */
export interface ModuleComponent<Face> extends Omit<Component, 'start'> {
  start(face: Face, platform: Platform): Promise<() => Promise<void>>;
}

/** A folder under `src/modules/`, as its `index.ts` exports it. */
export interface ModuleDefinition<Name extends string, Deps, Face extends ModuleFace> {
  name: Name;
  /** The module's own tables' migrations (its `migrations/` folder), applied in composition order. */
  migrations?: ModuleMigrations;
  /**
   * Each takes the part of this module's face it needs. (Typed loosely: tying
   * it to the face would make TypeScript infer the face from the components
   * before it reads `create`.)
   */
  components?: ReadonlyArray<ModuleComponent<never>>;
  /**
   * Builds the module from its context and the faces of the modules it needs
   * (named in `Deps`). `built` is every module built before it, for modules
   * that gather contributions (the tool registry). No I/O here: see `prepare`.
   */
  create(ctx: AppContext, deps: Deps, built: readonly ModuleEntry[]): Face | Promise<Face>;
}

/** The face a module definition builds (what `create` resolves with). */
// biome-ignore lint/suspicious/noExplicitAny: matches a definition of any name and dependencies
export type FaceOf<Definition> = Definition extends ModuleDefinition<any, any, infer Face> ? Face : never;

/** Identity function that lets TypeScript infer a module's name, dependencies and face. */
export function defineModule<Name extends string, Deps, Face extends ModuleFace>(
  definition: ModuleDefinition<Name, Deps, Face>,
): ModuleDefinition<Name, Deps, Face> {
  return definition;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of definitions of every shape
type AnyDefinition = ModuleDefinition<string, any, ModuleFace>;

/** Refuses (at compile time) a module whose dependencies are not built before it. */
type BuiltBefore<Built, Deps> = [Built] extends [Deps]
  ? unknown
  : { missing_dependencies: Exclude<keyof Deps, keyof Built> };

/**
 * The ordered list of modules a platform is built from. Each `add` is checked
 * by the compiler: a module's dependencies must already be in the list.
 */
export class ModuleList<Built extends object = Record<never, never>> {
  readonly definitions: readonly AnyDefinition[];

  constructor(definitions: readonly AnyDefinition[] = []) {
    this.definitions = definitions;
  }

  add<Name extends string, Deps, Face extends ModuleFace>(
    definition: ModuleDefinition<Name, Deps, Face> & BuiltBefore<Built, Deps>,
  ): ModuleList<Built & { readonly [K in Name]: Face }> {
    if (this.definitions.some((d) => d.name === definition.name))
      throw new Error(`module ${definition.name}: added twice`);
    return new ModuleList([...this.definitions, definition as AnyDefinition]);
  }

  /** The same list with one module swapped for another that offers the same face (a test's clock, say). */
  replace<Name extends keyof Built & string>(
    definition: ModuleDefinition<Name, never, Built[Name] & ModuleFace>,
  ): ModuleList<Built> {
    const at = this.definitions.findIndex((d) => d.name === definition.name);
    if (at < 0) throw new Error(`module ${definition.name}: not in the list`);
    return new ModuleList(this.definitions.with(at, definition as AnyDefinition));
  }

  /** The same list with a module inserted before another (extra tools before the registry gathers them). */
  insertBefore(name: keyof Built & string, definition: ModuleDefinition<string, never, ModuleFace>): ModuleList<Built> {
    const at = this.definitions.findIndex((d) => d.name === name);
    if (at < 0) throw new Error(`module ${name}: not in the list`);
    return new ModuleList(this.definitions.toSpliced(at, 0, definition as AnyDefinition));
  }

  /** Every module's migrations, in composition order: a module's tables may refer to an earlier one's. */
  migrations(): ModuleMigrations[] {
    return this.definitions.flatMap((d) => (d.migrations ? [d.migrations] : []));
  }

  /** Every module's components, each bound to its module's face. */
  components(): Component[] {
    return this.definitions.flatMap((definition) =>
      (definition.components ?? []).map((c) => this.bind(definition.name as keyof Built & string, c)),
    );
  }

  /** A module's component (or a variant of it) bound to that module's face in whatever platform starts it. */
  bind<Name extends keyof Built & string>(name: Name, component: ModuleComponent<never>): Component {
    return { ...component, start: (platform: Platform) => component.start(faceOf(platform, name), platform) };
  }

  /** Builds every module in order, then prepares them in the same order. */
  async create(ctx: AppContext): Promise<Platform & Built> {
    const faces: Record<string, ModuleFace> = {};
    const modules: ModuleEntry[] = [];
    for (const definition of this.definitions) {
      const face = await definition.create(ctx, faces, [...modules]);
      faces[definition.name] = face;
      modules.push({ name: definition.name, face });
    }
    for (const { face } of modules) await face.prepare?.();
    return { ...(faces as Built), ctx, modules };
  }
}

function faceOf(platform: Platform, name: string): never {
  const entry = platform.modules.find((m) => m.name === name);
  if (!entry) throw new Error(`module ${name} is not part of this platform`);
  return entry.face as never;
}
