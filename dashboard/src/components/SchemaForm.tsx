import type { ComponentChild } from 'preact';

/** The part of JSON Schema 2020-12 the tools' input schemas use (zod's export). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
}

/** The types a schema allows besides null, through `type` (one or a list) and `anyOf`; `enum` for a list of values. */
const typesOf = (schema: JsonSchema): string[] => {
  if (schema.enum) return ['enum'];
  if (schema.type) return (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== 'null');
  return [...new Set((schema.anyOf ?? []).flatMap(typesOf))];
};

/** `anyOf` with a single option besides null: that option, under the outer schema's description and default. */
const unwrap = (schema: JsonSchema): JsonSchema => {
  const options = schema.anyOf?.filter((s) => s.type !== 'null');
  if (options?.length !== 1) return schema;
  const { anyOf: _, ...outer } = schema;
  return { ...unwrap(options[0]!), ...outer };
};

const NUMERIC = ['number', 'integer'];

/**
 * The control a schema gets: a number field only when every value it allows is a number; a union of numbers and
 * strings (a chain id or a chain's name) is a text field, `number-or-string`; anything else mixed is JSON.
 */
const typeOf = (schema: JsonSchema): string => {
  const types = typesOf(schema);
  if (types.length === 0) return 'json';
  if (types.length === 1) return types[0]!;
  if (types.every((t) => NUMERIC.includes(t))) return 'number';
  if (types.every((t) => t === 'string' || NUMERIC.includes(t))) return 'number-or-string';
  return 'json';
};

function Field({
  tool,
  name,
  schema,
  required,
}: {
  tool: string;
  name: string;
  schema: JsonSchema;
  required: boolean;
}) {
  const id = `${tool}-${name}`;
  schema = unwrap(schema);
  const type = typeOf(schema);
  const itemType = schema.items ? typeOf(schema.items) : '';
  const hint = [schema.description, type === 'array' ? 'comma-separated' : '', required ? '' : 'optional']
    .filter(Boolean)
    .join(' · ');
  let control: ComponentChild;
  if (type === 'enum')
    control = (
      <select id={id} name={name} data-kind="string" required={required}>
        {!required && <option value="">—</option>}
        {schema.enum!.map((v) => (
          <option key={String(v)} value={String(v)} selected={v === schema.default}>
            {String(v)}
          </option>
        ))}
      </select>
    );
  else if (type === 'boolean')
    control = (
      <select id={id} name={name} data-kind="boolean">
        <option value="">—</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  else if (type === 'number' || type === 'integer')
    control = (
      <input
        id={id}
        name={name}
        type="number"
        data-kind="number"
        step={type === 'integer' ? 1 : 'any'}
        min={schema.minimum}
        max={schema.maximum}
        required={required}
        placeholder={schema.default === undefined ? '' : String(schema.default)}
      />
    );
  else if (type === 'number-or-string')
    control = (
      <input
        id={id}
        name={name}
        data-kind="number-or-string"
        data-numbers={typesOf(schema).includes('number') ? 'number' : 'integer'}
        required={required}
        placeholder={schema.default === undefined ? '' : String(schema.default)}
      />
    );
  else if (type === 'array' && ['string', 'enum', 'number', 'integer'].includes(itemType))
    control = (
      <input
        id={id}
        name={name}
        data-kind={itemType === 'number' || itemType === 'integer' ? 'number-list' : 'list'}
        required={required}
      />
    );
  else if (type === 'string')
    control = (
      <input
        id={id}
        name={name}
        data-kind="string"
        required={required}
        placeholder={schema.default === undefined ? '' : String(schema.default)}
      />
    );
  else control = <textarea id={id} name={name} data-kind="json" rows={2} required={required} placeholder="JSON" />;
  return (
    <div class="field">
      <label for={id}>{name}</label>
      {control}
      {hint && <small class="muted">{hint}</small>}
    </div>
  );
}

/** A form for a tool's parameters, one field per property of its input schema. */
export function SchemaForm({ tool, schema }: { tool: string; schema: JsonSchema }) {
  const properties = Object.entries(schema.properties ?? {});
  if (!properties.length) return <p class="muted">No parameters.</p>;
  return (
    <>
      {properties.map(([name, property]) => (
        <Field
          key={name}
          tool={tool}
          name={name}
          schema={property}
          required={schema.required?.includes(name) ?? false}
        />
      ))}
    </>
  );
}

const DIGITS = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The parameters a filled-in SchemaForm says, typed as its schema asks; empty fields are left out. */
export function formParameters(form: HTMLFormElement): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const element of Array.from(form.querySelectorAll<HTMLInputElement>('[data-kind]'))) {
    const raw = element.value.trim();
    if (!raw) continue;
    const items = () =>
      raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
    switch (element.dataset.kind) {
      case 'number':
        parameters[element.name] = Number(raw);
        break;
      case 'number-or-string':
        // The number the schema allows when the text is one (`31337`), else the text (`local`).
        parameters[element.name] = (element.dataset.numbers === 'number' ? DECIMAL : DIGITS).test(raw)
          ? Number(raw)
          : raw;
        break;
      case 'boolean':
        parameters[element.name] = raw === 'true';
        break;
      case 'list':
        parameters[element.name] = items();
        break;
      case 'number-list':
        parameters[element.name] = items().map(Number);
        break;
      case 'json':
        try {
          parameters[element.name] = JSON.parse(raw);
        } catch {
          throw new Error(`${element.name}: not valid JSON`);
        }
        break;
      default:
        parameters[element.name] = raw;
    }
  }
  return parameters;
}
