/**
 * The published JSON Schema of scenario files, scenarios/ersim-scenario.schema.json, which
 * editors use to complete and check scenarios. Run as a script (`npm run schema`) it rewrites
 * that file from schema.ts; a test checks that the committed file is current.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import { ScenarioSchema } from './schema';

export const SCHEMA_FILE = path.join('scenarios', 'ersim-scenario.schema.json');

/** The schema as plain JSON (TypeBox's symbol keys dropped), in a stable key order. */
export function scenarioJsonSchema(): object {
  return JSON.parse(JSON.stringify(ScenarioSchema)) as object;
}

/** The file's exact contents. */
export function scenarioJsonSchemaText(): string {
  return jsonSchemaText(ScenarioSchema);
}

/** A published schema file's exact contents: the TypeBox schema as plain JSON, indented. */
export function jsonSchemaText(schema: TSchema): string {
  return `${JSON.stringify(JSON.parse(JSON.stringify(schema)), null, 2)}\n`;
}

/** The repository root: the nearest folder above this file with a package.json (this file runs from dist/). */
export function repositoryRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

if (require.main === module) {
  const file = path.join(repositoryRoot(), SCHEMA_FILE);
  fs.writeFileSync(file, scenarioJsonSchemaText());
  console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}
