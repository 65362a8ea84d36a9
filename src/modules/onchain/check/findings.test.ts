import { describe, expect, it } from 'vitest';
import { assess, ordered, type Finding } from './findings.ts';

const finding = (id: Finding['id'], severity: Finding['severity']): Finding => ({
  id,
  severity,
  title: id,
  evidence: '',
});

describe('assess', () => {
  it('is safe only when trading was simulated and nothing of weight was found', () => {
    expect(assess([], true)).toEqual({ level: 'safe', score: 0 });
    expect(assess([finding('ownership_not_renounced', 'low')], true)).toEqual({ level: 'safe', score: 5 });
    expect(assess([], false)).toEqual({ level: 'unknown', score: 0 });
  });

  it('is caution from a medium finding, danger from a critical one or a score of 60', () => {
    expect(assess([finding('upgradeable_proxy', 'medium')], true).level).toBe('caution');
    expect(assess([finding('cannot_sell', 'critical')], false)).toEqual({ level: 'danger', score: 60 });
    expect(assess([finding('mintable', 'high'), finding('blacklist', 'high')], true)).toEqual({
      level: 'danger',
      score: 60,
    });
  });
});

describe('ordered', () => {
  it('puts the worst first and keeps each id once, at its worst', () => {
    const list = ordered([
      finding('tax_modifiable', 'medium'),
      finding('cannot_sell', 'critical'),
      finding('tax_modifiable', 'high'),
    ]);
    expect(list.map((f) => [f.id, f.severity])).toEqual([
      ['cannot_sell', 'critical'],
      ['tax_modifiable', 'high'],
    ]);
  });
});
