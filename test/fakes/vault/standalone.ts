import { startFakeVault } from './server.ts';

/**
 * The fake Vault on its own, for trying the Vault backend by hand (Vault itself is not installable here):
 * `node test/fakes/vault/standalone.ts [PORT]` (default 8200) serves KV v2, transit, TOTP and AppRole on
 * 127.0.0.1, prints the VAULT_ADDR and VAULT_TOKEN to use, and serves until Ctrl-C. `kill -USR1 <pid>` seals it
 * and unseals it again, to see an outage. Everything is in memory, lost when it stops; no database engine
 * (dynamic credentials need an admin connection: the tests give it one).
 */
const port = Number(process.argv[2] ?? 8200);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  process.stderr.write('usage: node test/fakes/vault/standalone.ts [PORT]   (PORT: 1-65535, default 8200)\n');
  process.exit(2);
}
const vault = await startFakeVault({ port });
let sealed = false;
process.on('SIGUSR1', () => {
  sealed = !sealed;
  vault.setState(sealed ? 'sealed' : 'active');
  process.stdout.write(`fake Vault ${sealed ? 'sealed' : 'unsealed'}\n`);
});
const stop = () => void vault.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.stdout.write(
  `fake Vault (pid ${process.pid}; kill -USR1 seals or unseals it, Ctrl-C stops it):\n` +
    `VAULT_ADDR=${vault.url}\nVAULT_TOKEN=${vault.rootToken}\n`,
);
