import type { DocEntry, Setting, StoredSecret } from './docEntries.ts';
import type { DocSection } from './docSections.ts';

/** A setting that turns another on, and the value that does: `LLM_PROVIDER=openai` for `OPENAI_API_KEY`. */
export interface Switch {
  setting: Setting;
  section: DocSection;
  value: string;
}

/** An entry of the secrets store that can hold a variable's value instead of the environment. */
export interface SecretPlace {
  secret: StoredSecret;
  section: DocSection;
  /** The fields that hold the variables asked about (`api_key` for `OPENAI_API_KEY`). */
  fields: string[];
}

/** A default that is one of a few named values (`local`, `embedded`), not a number, an address or a dash. */
const CHOICE = /^`[a-z][a-z-]*`/;

const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/**
 * What else a setting needs, read from the docs' own tables, so an answer
 * about `OPENAI_API_KEY` does not leave out the `LLM_PROVIDER=openai` without
 * which it does nothing, nor the secrets store that can hold it instead.
 */
export function createSettingContext(entries: DocEntry[]) {
  const settingsOf = new Map<DocSection, Setting[]>();
  for (const { section, setting } of entries)
    if (setting) settingsOf.set(section, [...(settingsOf.get(section) ?? []), setting]);
  const secrets = entries.flatMap(({ secret, section }) => (secret ? [{ secret, section }] : []));

  return {
    /**
     * The settings of the same table that choose between a few values, one
     * of them the first word of a variable's name, and do not choose it by
     * default: `LLM_PROVIDER` (`local` or `openai`) for `OPENAI_API_KEY`,
     * `MARKET_DATA` (`embedded` or `coingecko`) for `COINGECKO_API_KEY`.
     */
    switchesFor(variables: string[], section: DocSection): Switch[] {
      return (settingsOf.get(section) ?? []).flatMap((setting) => {
        if (setting.variables.some((name) => variables.includes(name)) || !CHOICE.test(setting.defaultValue)) return [];
        const value = variables
          .map((name) => name.split('_')[0]!.toLowerCase())
          .find((word) => codeSpans(setting.meaning).includes(word) && !setting.defaultValue.includes(word));
        return value ? [{ setting, section, value }] : [];
      });
    },
    /** The secrets store's entries whose `path` and field spell a variable: `openai` + `api_key` is `OPENAI_API_KEY`. */
    secretsFor(variables: string[]): SecretPlace[] {
      return secrets.flatMap(({ secret, section }) => {
        const fields = secret.fields.filter((field) => variables.includes(`${secret.path}_${field}`.toUpperCase()));
        return fields.length ? [{ secret, section, fields }] : [];
      });
    },
  };
}
