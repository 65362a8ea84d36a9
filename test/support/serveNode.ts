import { configFromEnvironment, exitOnStartupFailure } from '../../src/core/bootstrap.ts';
import { components } from '../../src/runtime/components.ts';
import { runNode } from '../../src/runtime/node.ts';

/**
 * A node running the components named on the command line in one process,
 * as `npm start` runs all of them (`alphanest serve` runs one): the fault
 * suite runs the gateway and the tool server together, sharing one
 * connection pool, cache and bus, without the agents and the arbitrage engine.
 *
 *   node test/support/serveNode.ts gateway mcp
 */
const names = process.argv.slice(2);
const unknown = names.filter((name) => !components[name]);
if (!names.length || unknown.length) {
  process.stderr.write(`serveNode takes one or more of: ${Object.keys(components).join(', ')}\n`);
  process.exit(2);
}
await runNode(
  configFromEnvironment(),
  names.map((name) => components[name]!),
).catch(exitOnStartupFailure);
