import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { parseLiveUri } from './liveIntelligence.ts';

/** Token filter keys as the feed has them, upper-cased (the registry's resolution is not what is tested here). */
const parse = (uri: string) => parseLiveUri(uri, (symbol) => symbol.toUpperCase());
const refusal = (uri: string) => {
  try {
    parse(uri);
  } catch (err) {
    return err as { code: number; message: string };
  }
  throw new Error(`${uri} was accepted`);
};

describe('parseLiveUri', () => {
  it('refuses a malformed percent-encoding as invalid params naming the parameter', () => {
    for (const uri of ['intelligence://tokens/%E0%A4%A', 'intelligence://tokens/%']) {
      const err = refusal(uri);
      expect(err.code).toBe(ErrorCode.InvalidParams);
      expect(err.message).toMatch(/symbol: /);
      expect(err.message).not.toMatch(/URI malformed/);
    }
    const err = refusal('intelligence://agents/%ZZ');
    expect(err.code).toBe(ErrorCode.InvalidParams);
    expect(err.message).toMatch(/agent_id: /);
  });

  it('takes a coin name with spaces, as the tools do, and still refuses what is no token', () => {
    expect(parse('intelligence://tokens/Shiba%20Inu')?.search).toEqual({ tokens: ['Shiba Inu'], limit: 20 });
    expect(parse('intelligence://tokens/$pepe')?.search).toEqual({ tokens: ['$pepe'], limit: 20 });
    for (const uri of [
      'intelligence://tokens/',
      'intelligence://tokens/%20',
      `intelligence://tokens/${'x'.repeat(101)}`,
    ])
      expect(refusal(uri).code).toBe(ErrorCode.InvalidParams);
    expect(refusal('intelligence://tokens/a%0Ab').code).toBe(ErrorCode.InvalidParams);
  });
});
