import { describe, expect, it } from 'vitest';
import { createSpeller } from './spelling.ts';

describe('question spelling', () => {
  const frequency: Record<string, number> = { connect: 5, deployment: 3, postgres: 2, postgresql: 9, content: 1 };
  const speller = createSpeller(Object.keys(frequency), (term) => frequency[term] ?? 0);

  it('corrects a letter left out, added, changed or two swapped', () => {
    expect(speller.correct('conect')).toBe('connect');
    expect(speller.correct('postgress')).toBe('postgres');
    expect(speller.correct('deploymnet')).toBe('deployment');
    expect(speller.correct('cpnnect')).toBe('connect');
  });

  it('leaves known words, short words and words far from any alone', () => {
    expect(speller.correct('connect')).toBeUndefined();
    expect(speller.correct('conn')).toBeUndefined();
    expect(speller.correct('kubernetes')).toBeUndefined();
  });
});
