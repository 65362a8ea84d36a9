import { describe, expect, it } from 'vitest';
import { DATA_NOTE, envelope } from './resultEnvelope.ts';

describe('tool result envelope', () => {
  it('wraps a result as data with the note', () => {
    expect(envelope('arbitrage__spread', { ok: true, result: { spread: 0.1 } }, 1000)).toEqual({
      tool: 'arbitrage__spread',
      tool_result: { spread: 0.1 },
      note: DATA_NOTE,
    });
  });

  it('passes an error on as data too', () => {
    const wrapped = envelope(
      't',
      { ok: false, error: { code: 'invalid_parameters', message: 'symbol: required' } },
      1000,
    ) as Record<string, unknown>;
    expect(wrapped.tool_error).toEqual({ code: 'invalid_parameters', message: 'symbol: required' });
  });

  it('cuts an oversized result to the byte cap without splitting a character', () => {
    const wrapped = envelope('t', { ok: true, result: 'é'.repeat(5000) }, 301) as {
      truncated: boolean;
      partial_json: string;
    };
    expect(wrapped.truncated).toBe(true);
    expect(Buffer.byteLength(wrapped.partial_json)).toBeLessThanOrEqual(301);
    expect(wrapped.partial_json).not.toContain('\uFFFD');
  });

  it('trusts the size the registry measured, cutting exactly where a measured result no longer fits', () => {
    const result = { text: 'x'.repeat(100) };
    const bytes = JSON.stringify(result).length;
    const fits = 16 + bytes; // {"tool_result":…}
    expect(envelope('t', { ok: true, result, bytes }, fits)).toMatchObject({ tool_result: result });
    expect(envelope('t', { ok: true, result, bytes }, fits - 1)).toMatchObject({ truncated: true });
    expect(envelope('t', { ok: true, result }, fits)).toMatchObject({ tool_result: result });
    expect(envelope('t', { ok: true, result }, fits - 1)).toMatchObject({ truncated: true });
  });
});
