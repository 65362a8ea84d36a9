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
/** A setting and its value a row's meaning says it needs: `` `AGENT_SOURCES=live` `` of `RSS_FEEDS`. */
const NEEDS = /^([A-Z][A-Z0-9_]+)=([a-z][\w-]*)$/;

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

  /**
   * The settings of the same table that choose between a few values, one
   * of them the first word of a variable's name, and do not choose it by
   * default: `LLM_PROVIDER` (`local` or `openai`) for `OPENAI_API_KEY`,
   * `MARKET_DATA` (`embedded` or `coingecko`) for `COINGECKO_API_KEY`.
   */
  const choicesFor = (variables: string[], section: DocSection): Switch[] =>
    (settingsOf.get(section) ?? []).flatMap((setting) => {
      if (setting.variables.some((name) => variables.includes(name)) || !CHOICE.test(setting.defaultValue)) return [];
      const value = variables
        .map((name) => name.split('_')[0]!.toLowerCase())
        .find((word) => codeSpans(setting.meaning).includes(word) && !setting.defaultValue.includes(word));
      return value ? [{ setting, section, value }] : [];
    });

  /**
   * The settings a row of the variables (in any table) says they need, with the value, when that setting is in
   * the row's table: `RSS_FEEDS` is "read with `AGENT_SOURCES=live`", so a feed added without it never runs.
   */
  const neededBy = (variables: string[]): Switch[] =>
    [...settingsOf].flatMap(([section, settings]) =>
      settings
        .filter((setting) => setting.variables.some((name) => variables.includes(name)))
        .flatMap((setting) => codeSpans(setting.meaning).map((span) => NEEDS.exec(span)))
        .flatMap((needs) => {
          if (!needs) return [];
          const [, name, value] = needs;
          const needed = settings.find((other) => other.variables.includes(name!));
          return needed && !variables.includes(name!) ? [{ setting: needed, section, value: value! }] : [];
        }),
    );

  return {
    /** The settings that turn the variables on, with the value that does: those their rows name, then a table's choices. */
    switchesFor(variables: string[], section: DocSection): Switch[] {
      const named = neededBy(variables);
      return [
        ...named,
        ...choicesFor(variables, section).filter((choice) => !named.some((known) => known.setting === choice.setting)),
      ];
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
