import { describe, expect, it } from 'vitest';
import { FlagFileError, parseFlagCsv, parseFlagJson, type FlagProblem } from './flagFile.ts';

const A = '0x8589427373D6D84E98730D7795D8f6f8731FDA16';
const B = '0x722122dF12D4e14e13Ac3b6895a86e84145b6967';
const chainIdOf = (chain: string | number) => (chain === 'local' || String(chain) === '31337' ? 31337 : null);
const options = { chainIdOf, source: 'test list' };

function problems(parse: () => unknown): FlagProblem[] {
  try {
    parse();
  } catch (err) {
    if (err instanceof FlagFileError) return err.problems;
    throw err;
  }
  throw new Error('the list was accepted');
}

describe('flag lists', () => {
  it('reads a CSV with its header in any order, quoted fields, and the default source', () => {
    const csv = `address,chain,category,reason,source\n${A},local,mixer,"launders, a lot",ofac\n\n${B},31337,scam,rug pull,\n`;
    expect(parseFlagCsv(csv, options)).toEqual([
      { chainId: 31337, address: A.toLowerCase(), category: 'mixer', reason: 'launders, a lot', source: 'ofac' },
      { chainId: 31337, address: B.toLowerCase(), category: 'scam', reason: 'rug pull', source: 'test list' },
    ]);
  });

  it('reads JSON as an array or {"flags": [...]}', () => {
    const entry = { chain: 31337, address: A, category: 'phishing', reason: 'drainer' };
    expect(parseFlagJson(JSON.stringify([entry]), options)).toHaveLength(1);
    expect(parseFlagJson(JSON.stringify({ flags: [entry] }), options)[0]).toMatchObject({ source: 'test list' });
  });

  it('names every bad CSV row by its line and field', () => {
    const csv = [
      'chain,address,category,reason,source',
      `local,${A},scam,fine,x`,
      'local,0x123,scam,short address,x',
      `mars,${B},scam,no such chain,x`,
      `local,${B},thief,bad category,x`,
      `local,${B},scam,,x`,
      `local,${A},scam,repeated,x`,
      `local,${B},scam,too,many,fields`,
    ].join('\n');
    expect(problems(() => parseFlagCsv(csv, options))).toEqual([
      { line: 3, field: 'address', message: 'must be a 0x-prefixed 20-byte hex address' },
      { line: 4, field: 'chain', message: expect.stringMatching(/^no chain mars/) },
      { line: 5, field: 'category', message: expect.stringMatching(/^must be one of scam, mixer/) },
      { line: 6, field: 'reason', message: 'must not be empty' },
      { line: 7, field: 'address', message: 'repeats line 2 (same chain and address)' },
      { line: 8, field: 'row', message: 'has 6 fields, the header 5' },
    ]);
  });

  it('refuses a wrong header, a row without any source, and text that is not CSV', () => {
    expect(problems(() => parseFlagCsv('chain,address,category,reason\n', options))).toMatchObject([
      { line: 1, field: 'header', message: expect.stringMatching(/missing source/) },
    ]);
    expect(
      problems(() => parseFlagCsv(`chain,address,category,reason,source\nlocal,${A},scam,x,\n`, { chainIdOf })),
    ).toMatchObject([{ line: 2, field: 'source' }]);
    expect(
      problems(() => parseFlagCsv('chain,address,category,reason,source\n"local,unclosed\n', options)),
    ).toMatchObject([{ field: 'file', message: expect.stringMatching(/^not CSV/) }]);
  });

  it('names a bad JSON entry by the line its object opens on', () => {
    const json = `[\n  {"chain": "local", "address": "${A}", "category": "scam", "reason": "ok"},\n  {"chain": "local", "address": "${B}",\n   "category": "scam", "reason": "x", "extra": 1}\n]`;
    expect(problems(() => parseFlagJson(json, options))).toEqual([
      { line: 3, field: 'row', message: expect.stringMatching(/extra/) },
    ]);
    expect(problems(() => parseFlagJson('{"flags": 3}', options))).toMatchObject([{ line: 1, field: 'file' }]);
    expect(problems(() => parseFlagJson('[{', options))).toMatchObject([{ field: 'file', message: /^not JSON/ }]);
  });

  it('counts bad rows, not problems: one row with two faults is one bad row', () => {
    const json = `[{"chain": "local", "address": "${A}", "category": "nope"}]`;
    let refused: FlagFileError | undefined;
    try {
      parseFlagJson(json, options);
    } catch (err) {
      refused = err as FlagFileError;
    }
    expect(refused?.problems.map((p) => p.field)).toEqual(['category', 'reason']);
    expect(refused?.badRows).toBe(1);
    expect(refused?.message).toMatch(/^1 bad row\(s\), nothing imported: line 1 category: .*; line 1 reason: /);
  });

  it('refuses text PostgreSQL cannot store', () => {
    const csv = `chain,address,category,reason,source\nlocal,${A},scam,nul\u0000here,x\n`;
    expect(problems(() => parseFlagCsv(csv, options))).toMatchObject([{ line: 2, field: 'reason' }]);
  });
});
