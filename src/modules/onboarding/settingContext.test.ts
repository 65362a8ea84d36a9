import { describe, expect, it } from 'vitest';
import { docEntries } from './docEntries.ts';
import { splitSections } from './docSections.ts';
import { createSettingContext } from './settingContext.ts';

describe('setting context', () => {
  const sections = splitSections(
    'docs/x.md',
    [
      '# X',
      '## Configuration',
      '| variable | default | meaning |',
      '|---|---|---|',
      '| `LLM_PROVIDER` | `local` | `local` or `openai` |',
      '| `OPENAI_BASE_URL` / `OPENAI_API_KEY` | OpenAI / — | the server |',
      '| `DATABASE_URL` | — | PostgreSQL; or Vault’s `database` secret |',
      '| `DATABASE_POOL_SIZE` | `10` | connections |',
      '| `SECRETS_BACKEND` | `vault` when `VAULT_ADDR` is set, else `embedded` | `embedded` or `vault` |',
      '| `VAULT_ADDR` | — | the Vault server |',
      '| `AGENT_SOURCES` | `replay` | `replay`, `live` or `both` |',
      '| `RSS_FEEDS` | each agent’s list | feed URLs; read with `AGENT_SOURCES=live` or `both` |',
      '## Store',
      '| path | fields | used by |',
      '|---|---|---|',
      '| `openai` | `api_key`, `base_url?`, `model?` | the chat |',
      '| `database` (`supabase`) | `url` | the pool |',
    ].join('\n'),
  );
  const context = createSettingContext(docEntries(sections));
  const [configuration, store] = sections;

  it('finds the setting of the same table whose choices include the first word of a variable, with that value', () => {
    expect(context.switchesFor(['OPENAI_API_KEY'], configuration!)).toEqual([
      {
        setting: { variables: ['LLM_PROVIDER'], defaultValue: '`local`', meaning: '`local` or `openai`' },
        section: configuration,
        value: 'openai',
      },
    ]);
  });

  it('finds the setting a variable’s row says it is read with, and that value', () => {
    expect(context.switchesFor(['RSS_FEEDS'], configuration!)).toEqual([
      {
        setting: { variables: ['AGENT_SOURCES'], defaultValue: '`replay`', meaning: '`replay`, `live` or `both`' },
        section: configuration,
        value: 'live',
      },
    ]);
  });

  it('takes no setting for a switch that has no choices, or chooses that value by itself', () => {
    // DATABASE_URL names `database` but is an address, not a choice; SECRETS_BACKEND picks `vault` when VAULT_ADDR is set.
    expect(context.switchesFor(['DATABASE_POOL_SIZE'], configuration!)).toEqual([]);
    expect(context.switchesFor(['VAULT_ADDR'], configuration!)).toEqual([]);
    expect(context.switchesFor(['OPENAI_API_KEY'], store!)).toEqual([]);
  });

  it('finds the secrets store’s entry whose path and field spell a variable', () => {
    expect(context.secretsFor(['OPENAI_API_KEY', 'LLM_MODEL'])).toEqual([
      { secret: { path: 'openai', fields: ['api_key', 'base_url', 'model'] }, section: store, fields: ['api_key'] },
    ]);
    expect(context.secretsFor(['DATABASE_URL'])[0]?.secret.path).toBe('database');
    expect(context.secretsFor(['CACHE_URL'])).toEqual([]);
  });
});
