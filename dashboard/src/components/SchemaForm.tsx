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

const typeOf = (schema: JsonSchema): string => {
  if (schema.enum) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  const option = schema.anyOf?.find((s) => s.type !== 'null');
  return option ? typeOf(option) : 'json';
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
