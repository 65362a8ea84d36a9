import { configFromEnvironment, exitOnStartupFailure, loadDotEnv } from './core/bootstrap.ts';
import { speedUpModuleLoading } from './core/moduleLoading.ts';
import { startTracingIfConfigured } from './telemetry/startTracing.ts';

// `npm start`: the whole platform in one process.
speedUpModuleLoading();
loadDotEnv();
const config = configFromEnvironment();
// Tracing patches http, pg and ioredis as they load, so the app is imported after it starts (static imports would load them first).
await startTracingIfConfigured(process.env);
const { runNode } = await import('./runtime/node.ts');
const { allComponents } = await import('./runtime/components.ts');
await runNode(config, allComponents).catch(exitOnStartupFailure);
