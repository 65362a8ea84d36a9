import { configFromEnvironment, exitOnStartupFailure } from './core/bootstrap.ts';
import { runNode } from './runtime/node.ts';
import { allComponents } from './runtime/components.ts';

// `npm start`: the whole platform in one process.
await runNode(configFromEnvironment(), allComponents).catch(exitOnStartupFailure);
