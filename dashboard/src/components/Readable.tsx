/** Keys a result carries that say nothing to a reader at a glance. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const label = (key: string) => key.replace(/_/g, ' ');

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span class="muted">—</span>;
  if (typeof value === 'number') return <span class="num">{value.toLocaleString('en-US')}</span>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  return <span>{String(value)}</span>;
}

/** A row table when every element is an object with simple fields; otherwise a list. */
function ArrayView({ value, depth }: { value: unknown[]; depth: number }) {
  if (value.length === 0) return <span class="muted">none</span>;
  const objects = value.every(isPlainObject) ? (value as Record<string, unknown>[]) : null;
  const columns = objects ? [...new Set(objects.flatMap((o) => Object.keys(o)))] : [];
  if (objects && columns.every((c) => objects.every((o) => !isPlainObject(o[c]) && !Array.isArray(o[c]))))
    return (
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {label(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {objects.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>
                    <Scalar value={row[c]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  return (
    <ol class="plain">
      {value.map((entry, i) => (
        <li key={i}>
          <Readable value={entry} depth={depth + 1} />
        </li>
      ))}
    </ol>
  );
}

/** Any JSON value as a person reads it: fields as a definition list, lists of records as a table. */
export function Readable({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (Array.isArray(value)) return <ArrayView value={value} depth={depth} />;
  if (!isPlainObject(value)) return <Scalar value={value} />;
  if (depth > 4) return <code class="wrap">{JSON.stringify(value)}</code>;
  return (
    <dl class="readable">
      {Object.entries(value).map(([key, entry]) => (
        <div key={key}>
          <dt>{label(key)}</dt>
          <dd>
            <Readable value={entry} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
