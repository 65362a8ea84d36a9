import { describe, expect, it } from 'vitest';
import { accessDenied } from './access.ts';

describe('tool access', () => {
  it('opens guest tools to everyone', () => {
    expect(accessDenied('guest', null)).toBeUndefined();
    expect(accessDenied('guest', { sub: 'u1', role: 'user' })).toBeUndefined();
  });

  it('asks guests to sign in and refuses roles below the least one', () => {
    expect(accessDenied('user', null)?.failure.code).toBe('unauthorized');
    expect(accessDenied('admin', { sub: 'u1', role: 'user' })).toMatchObject({
      status: 403,
      failure: { code: 'forbidden' },
    });
    expect(accessDenied('service', { sub: 'a1', role: 'agent' })?.status).toBe(403);
  });

  it('admits the least role and every role above it', () => {
    expect(accessDenied('user', { sub: 'u1', role: 'user' })).toBeUndefined();
    expect(accessDenied('user', { sub: 'a1', role: 'admin' })).toBeUndefined();
    expect(accessDenied('agent', { sub: 's1', role: 'service' })).toBeUndefined();
  });
});
