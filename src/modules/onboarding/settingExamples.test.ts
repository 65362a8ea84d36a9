import { describe, expect, it } from 'vitest';
import { envSchema } from '../../core/config.ts';
import { EXAMPLES, settingLine } from './settingExamples.ts';

describe('setting examples', () => {
  it('are values the platform accepts, for variables it reads', () => {
    // The OpenTelemetry variables are read by the SDK (src/telemetry), not the platform's schema.
    const ours = Object.entries(EXAMPLES).filter(([name]) => !name.startsWith('OTEL_'));
    const refused = ours.filter(([name, value]) => {
      const field = envSchema.shape[name as keyof typeof envSchema.shape];
      return !field?.safeParse(value).success;
    });
    expect(refused).toEqual([]);
  });

  it('say what to set: an example where there is one, else the default', () => {
    expect(settingLine({ variables: ['CACHE_URL'], defaultValue: '—', meaning: 'Redis master' })).toBe(
      'Set `CACHE_URL` (e.g. `CACHE_URL=redis://127.0.0.1:6379`): Redis master',
    );
    expect(
      settingLine({ variables: ['PORT', 'HOST'], defaultValue: '`8000` / `0.0.0.0`', meaning: 'the address' }),
    ).toBe('Set `PORT` / `HOST` (default `8000` / `0.0.0.0`): the address');
    expect(settingLine({ variables: ['JWT_ISSUER'], defaultValue: '—', meaning: 'checked when set' })).toBe(
      'Set `JWT_ISSUER`: checked when set',
    );
  });

  it('of several variables, put the ones asked about first and exemplify only them; a switch shows the value that turns it on', () => {
    const openai = {
      variables: ['OPENAI_BASE_URL', 'OPENAI_API_KEY'],
      defaultValue: 'OpenAI / —',
      meaning: 'the server',
    };
    expect(settingLine(openai, ['OPENAI_API_KEY'])).toBe(
      'Set `OPENAI_API_KEY` / `OPENAI_BASE_URL` (e.g. `OPENAI_API_KEY=sk-…`): the server',
    );
    expect(
      settingLine(
        { variables: ['MARKET_DATA'], defaultValue: '`embedded`', meaning: 'the source' },
        undefined,
        'coingecko',
      ),
    ).toBe('Set `MARKET_DATA` (e.g. `MARKET_DATA=coingecko`): the source');
  });
});
