import { describe, expect, it } from 'vitest';
import { createTokenRegistry } from '../../tokens/tokenRegistry.ts';
import { createLocalPlanner, PLANNER_TOOLS } from './localPlanner.ts';
import { readRoutingCases, scoreRouting } from './routingEvaluation.ts';

const registry = createTokenRegistry();
const planner = createLocalPlanner(registry);
const ratio = (n: number, of: number) => n / of;

/** Routing accuracy held just under what `npm run eval:chat` measures, so a change that routes worse fails. */
describe('routing', () => {
  it('routes the tuning phrasings (routing-tuning.jsonl) to the labelled tool and slots', () => {
    const cases = readRoutingCases(new URL('./routing-tuning.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(cases.length).toBeGreaterThanOrEqual(180);
    expect(ratio(score.routed, score.cases), JSON.stringify(score.misses, null, 1)).toBeGreaterThanOrEqual(0.99);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.99);
  });

  it.each([
    // Scored before they were trained on: 92.1 / 95.0 / 90.4 % and 91.3 / 93.3 / 89.2 % (datasets/README-chat-routing.md).
    ['routing-training-7.jsonl', 0.97, 0.98, 0.97],
    ['routing-training-8.jsonl', 0.98, 0.98, 0.98],
  ])(
    'routes %s, written blind to the planner for the classifier to learn from',
    (file, routed, acceptable, withSlots) => {
      const cases = readRoutingCases(new URL(`./${file}`, import.meta.url));
      const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
      expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(routed);
      expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(acceptable);
      expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(withSlots);
    },
  );

  it('routes routing-training-6.jsonl, written blind to the planner for the classifier to learn from', () => {
    // Scored before it was trained on: 86.7 / 88.8 / 83.8 % (datasets/README-chat-routing.md); now a training figure, 95.4 / 96.3 / 93.8 %.
    const cases = readRoutingCases(new URL('./routing-training-6.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(0.96);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.93);
  });

  it('routes routing-training-5.jsonl, written blind to the planner for the classifier to learn from', () => {
    // Scored before it was trained on: 83.4 / 86.3 / 80.3 % (datasets/README-chat-routing.md); now a training figure, 97.2 / 97.5 / 95.0 %.
    const cases = readRoutingCases(new URL('./routing-training-5.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(0.97);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(0.97);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.95);
  });

  it('routes routing-training-4.jsonl, written blind to the planner for the classifier to learn from', () => {
    // Scored before it was trained on: 86.7 / 89.2 / 82.9 % (docs/chat.md); now a training figure, 95.8 / 96.3 / 93.8 %.
    const cases = readRoutingCases(new URL('./routing-training-4.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.93);
  });

  it('routes routing-training-3.jsonl, written blind to the planner for the classifier to learn from', () => {
    // Scored before it was trained on: 84.1 / 86.6 / 78.4 % (docs/chat.md); now a training figure, 96.6 / 97.2 / 95.6 %.
    const cases = readRoutingCases(new URL('./routing-training-3.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(0.96);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(0.97);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.95);
  });

  it('routes routing-training-2.jsonl, written blind to the planner for the classifier to learn from', () => {
    // Scored before it was trained on: 81.7 / 86.0 / 76.2 % (docs/chat.md); now a training figure, 95.4 / 96.3 / 93.0 %.
    const cases = readRoutingCases(new URL('./routing-training-2.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(0.94);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(0.96);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.9);
  });

  /**
   * Each holdout with its floors (routed, or an alternative, with slots), just under what it measures
   * now that all ten are training data (routed when first scored blind: 74.7, 67.5, 82.5, 80.0, 81.9,
   * 80.6, 84.4, 80.6, 88.1 and 80.6 %; docs/chat.md): 1: 100 / 100 / 96.7 %; 2: 98.1 / 98.1 / 97.5 %; 3: 98.1 / 98.8 / 97.5 %;
   * 4: 98.1 / 98.1 / 98.1 %; 5: 100 / 100 / 100 %; 6: 96.3 / 98.8 / 95.6 %; 7: 97.5 / 98.1 / 97.5 %;
   * 8: 96.9 / 96.9 / 95.0 %; 9: 98.8 / 99.4 / 98.8 % (88.1 / 90.0 / 81.9 % blind, at f94899a);
   * 10: 94.4 / 96.3 / 94.4 % (84.4 / 88.8 / 81.9 % at its last blind reading, 47cf45e).
   * Training figures: the honest estimate of an unseen set is `npm run eval:chat -- --loso`.
   */
  it.each([
    ['chat-routing-holdout.jsonl', 0.99, 0.99, 0.96],
    ['chat-routing-holdout-2.jsonl', 0.96, 0.96, 0.96],
    ['chat-routing-holdout-3.jsonl', 0.96, 0.97, 0.95],
    ['chat-routing-holdout-4.jsonl', 0.98, 0.98, 0.98],
    ['chat-routing-holdout-5.jsonl', 0.98, 0.99, 0.98],
    ['chat-routing-holdout-6.jsonl', 0.93, 0.96, 0.93],
    ['chat-routing-holdout-7.jsonl', 0.96, 0.98, 0.96],
    ['chat-routing-holdout-8.jsonl', 0.93, 0.93, 0.89],
    ['chat-routing-holdout-9.jsonl', 0.98, 0.99, 0.98],
    ['chat-routing-holdout-10.jsonl', 0.94, 0.96, 0.94],
  ])('routes datasets/%s, written blind, now trained on', (file, routed, acceptable, withSlots) => {
    const cases = readRoutingCases(new URL(`../../../../datasets/${file}`, import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(routed);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(acceptable);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(withSlots);
  });

  it('routes datasets/chat-routing-holdout-11.jsonl, written blind and not trained on', () => {
    // Scored blind at 18ef188: 91.9 / 93.1 / 88.8 % (datasets/README-chat-routing.md). Floors only: its misses are
    // unread, so a change that lowers them is seen without spending the set.
    const cases = readRoutingCases(new URL('../../../../datasets/chat-routing-holdout-11.jsonl', import.meta.url));
    const score = scoreRouting(planner, cases, PLANNER_TOOLS, registry);
    expect(ratio(score.routed, score.cases)).toBeGreaterThanOrEqual(0.91);
    expect(ratio(score.acceptable, score.cases)).toBeGreaterThanOrEqual(0.93);
    expect(ratio(score.withSlots, score.cases)).toBeGreaterThanOrEqual(0.88);
  });
});
