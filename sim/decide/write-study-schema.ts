/**
 * The published JSON Schema of study files, studies/ersim-study.schema.json, for editors. Run as
 * a script (`npm run schema`) it rewrites that file from study-schema.ts; a test checks that the
 * committed file is current.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonSchemaText, repositoryRoot } from '../scenario/write-json-schema';
import { StudySchema } from './study-schema';

export const STUDY_SCHEMA_FILE = path.join('studies', 'ersim-study.schema.json');

export function studyJsonSchemaText(): string {
  return jsonSchemaText(StudySchema);
}

if (require.main === module) {
  const file = path.join(repositoryRoot(), STUDY_SCHEMA_FILE);
  fs.writeFileSync(file, studyJsonSchemaText());
  console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}
