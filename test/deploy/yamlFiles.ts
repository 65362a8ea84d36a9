import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository's deploy/ folder. */
export const deployDir = join(import.meta.dirname, '../../deploy');

/** Every document of a YAML file under deploy/ (`<<` merge keys resolved, as Compose and kubectl read them). */
export function readYamlDocuments(path: string): any[] {
  return parseAllDocuments(readFileSync(join(deployDir, path), 'utf8'), { merge: true }).map((doc) => {
    if (doc.errors.length) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS();
  });
}
