/**
 * Runs each closing step in turn, every one whatever the steps before it did (a gateway that fails to close must
 * not leave the database, Vault and the role behind), then rejects with the first failure, if any.
 */
export async function closeInTurn(steps: Array<() => Promise<unknown> | undefined>): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps)
    await Promise.resolve()
      .then(step)
      .catch((err: unknown) => failures.push(err));
  if (failures.length) throw failures[0];
}
