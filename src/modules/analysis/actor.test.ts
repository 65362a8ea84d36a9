import { describe, expect, it } from 'vitest';
import { headlineActor } from './actor.ts';

describe('headline actor', () => {
  it('is the proper name a headline opens with, as the subject of its verb', () => {
    expect(headlineActor('Radiant Capital loses $50M after devices compromised')).toBe('Radiant Capital');
    expect(headlineActor('SEC drops case against Coinbase')).toBe('SEC');
    expect(headlineActor("South Korea's FSC fines Upbit operator")).toBeUndefined();
    expect(headlineActor('UK to let retail investors buy crypto notes')).toBe('UK');
  });

  it('is undefined for ordinary openers, names without a verb and Title Case headlines', () => {
    expect(headlineActor('Startup raises $40M')).toBeUndefined();
    expect(headlineActor('Notice of hot wallet security incident')).toBeUndefined();
    expect(headlineActor('Binance founder Changpeng Zhao sentenced')).toBeUndefined();
    expect(headlineActor('Berachain Developer Raises $69 Million Series B')).toBeUndefined();
  });
});
