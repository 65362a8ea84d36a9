import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { createAgentsComponent } from './agentsComponent.ts';

describe('the agents component in the start banner', () => {
  it('names its probes when it opens them, and nothing when it serves nothing', () => {
    const urls = createAgentsComponent().urls!;
    expect(urls(loadConfig({ AGENTS_HEALTH_PORT: '9464' }))).toEqual([
      'http://localhost:9464/health  (probes, /metrics)',
    ]);
    expect(urls(loadConfig({}))).toEqual([]);
  });
});
