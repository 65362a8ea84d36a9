import { describe, expect, it } from 'vitest';
import { findUnsafeInput, hasUnsafeText, stripUnsafeStrings, stripUnsafeText } from './text.ts';

describe('unsafe text', () => {
  it('is NUL or a surrogate without its pair; paired surrogates (emoji) and other controls are fine', () => {
    for (const text of ['\u0000', 'a\u0000b', '\ud800', 'x\ud83d', '\ude00y', '\udc00\ud800'])
      expect(hasUnsafeText(text), JSON.stringify(text)).toBe(true);
    for (const text of ['', 'plain', '🚀 to the moon', '\u0001\u001f\u007f', '\u202e\ufeff', 'é'])
      expect(hasUnsafeText(text), JSON.stringify(text)).toBe(false);
  });

  it('is stripped from text and from every string and key of a value', () => {
    expect(stripUnsafeText('a\u0000b\ud800c🚀\udc00')).toBe('abc🚀');
    expect(stripUnsafeStrings({ 'k\u0000': ['x\ud800', 1, null, { deep: 'y\u0000' }], ok: true })).toEqual({
      k: ['x', 1, null, { deep: 'y' }],
      ok: true,
    });
  });

  it('is found with the path of the field that carries it', () => {
    expect(findUnsafeInput({ title: 'fine', source: { name: 'bad\u0000' } }, '')).toEqual({
      field: 'source.name',
      message: expect.stringContaining('NUL'),
    });
    expect(findUnsafeInput({ tokens: [{ symbol: 'ETH' }, { symbol: '\udfff' }] }, '')).toMatchObject({
      field: 'tokens.1.symbol',
    });
    expect(findUnsafeInput({ 'a\u0000': 1 }, '')).toMatchObject({
      field: 'a\u0000',
      message: expect.stringContaining('keys'),
    });
    expect(findUnsafeInput('\ud800', 'parameters')).toMatchObject({ field: 'parameters' });
    expect(findUnsafeInput({ title: 'fine', tags: ['a', 'b'], n: 1, ok: null }, '')).toBeNull();
  });

  it('includes prototype keys, which some merge could follow', () => {
    expect(findUnsafeInput(JSON.parse('{"a":{"__proto__":{"polluted":true}}}'), '')).toMatchObject({
      field: 'a.__proto__',
    });
    expect(findUnsafeInput({ constructor: { prototype: {} } }, 'parameters')).toMatchObject({
      field: 'parameters.constructor',
    });
    // A field that happens to be called constructor reaches no prototype.
    expect(findUnsafeInput({ meta: { constructor: 'x' } }, '')).toBeNull();
  });

  it('refuses nesting it does not look into, rather than passing it as safe', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 70; i++) deep = { a: deep };
    expect(findUnsafeInput(deep, '')).toMatchObject({ message: 'is nested too deeply' });
    expect(findUnsafeInput({ emoji: '🚀 to the moon' }, '')).toBeNull();
  });

  it('copies only what it strips', () => {
    const clean = { title: 'fine', tokens: [{ symbol: 'ETH' }] };
    expect(stripUnsafeStrings(clean)).toBe(clean);
    const dirty = { title: 'fine', tokens: [{ symbol: 'E\u0000TH' }], source: { name: 'wire' } };
    const stripped = stripUnsafeStrings(dirty);
    expect(stripped).toEqual({ title: 'fine', tokens: [{ symbol: 'ETH' }], source: { name: 'wire' } });
    expect(stripped.source).toBe(dirty.source);
    expect(dirty.tokens[0]!.symbol).toBe('E\u0000TH');
  });
});
