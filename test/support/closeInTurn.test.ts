import { describe, expect, it } from 'vitest';
import { closeInTurn } from './closeInTurn.ts';

describe('closeInTurn', () => {
  it('runs every step in order even when one fails, then throws the first failure', async () => {
    const ran: string[] = [];
    const step =
      (name: string, fails = false) =>
      async () => {
        ran.push(name);
        if (fails) throw new Error(`${name} failed`);
      };
    await expect(
      closeInTurn([step('gateway', true), step('context', true), step('vault'), step('role')]),
    ).rejects.toThrow('gateway failed');
    expect(ran).toEqual(['gateway', 'context', 'vault', 'role']);
  });

  it('runs a step that throws before returning a promise like one that rejects, and skips one that is not there', async () => {
    const ran: string[] = [];
    await expect(
      closeInTurn([
        () => {
          throw new Error('at once');
        },
        () => undefined,
        async () => void ran.push('last'),
      ]),
    ).rejects.toThrow('at once');
    expect(ran).toEqual(['last']);
  });
});
