/**
 * Scenario file -> validated, typed Scenario: read the file, parse YAML or JSON, apply the
 * `--set` edits, check the document against the schema, then resolve units, defaults and
 * cross-field rules. Every problem is a ScenarioIssue; each stage reports all of its issues
 * at once, and a stage runs only when the ones before it found none (a document of the wrong
 * shape cannot be checked for meaning).
 */
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { duplicateJsonKey, readDocumentFile } from './document-file';
import { resolveScenario } from './resolve-scenario';
import { describeFound, ScenarioError, type ScenarioIssue } from './scenario-error';
import type { ScenarioFileDocument } from './schema';
import { schemaIssues } from './schema-issues';
import { applySets } from './set-edits';
import { expandGroups, type GroupSummary } from './site-groups';
import type { Scenario } from './types';

export { readProblem } from './document-file';

/** Read and resolve a scenario file; throws a ScenarioError naming every problem. */
export function loadScenarioFile(file: string, sets: readonly string[] = []): Scenario {
  return parseScenarioText(readDocumentFile(file, 'scenario'), file, sets);
}

/** As loadScenarioFile, with the file's site groups (for validate's counts). */
export function loadScenarioGroups(file: string, sets: readonly string[] = []): { scenario: Scenario; groups: GroupSummary[] } {
  return parseScenarioGroups(readDocumentFile(file, 'scenario'), file, sets);
}

/** Resolve scenario text; `file` names it in messages and its extension picks YAML or JSON. */
export function parseScenarioText(text: string, file: string, sets: readonly string[] = []): Scenario {
  return parseScenarioGroups(text, file, sets).scenario;
}

/** As parseScenarioText, with the site groups the file declares and what they expanded to. */
export function parseScenarioGroups(text: string, file: string, sets: readonly string[] = []): { scenario: Scenario; groups: GroupSummary[] } {
  const document = parseDocumentText(text, file, 'scenario');
  throwIfAny(applySets(document, sets, file));
  throwIfAny(schemaIssues(document, file));
  const expanded = expandGroups(document as ScenarioFileDocument, file);
  throwIfAny(expanded.issues);
  return { scenario: resolveScenario(expanded.doc, file, document), groups: expanded.groups };
}

/**
 * The object a YAML or JSON file holds, by its extension; `kind` names the document in messages
 * ("scenario", or "study" for ersim decide's files).
 */
export function parseDocumentText(text: string, file: string, kind: string): Record<string, unknown> {
  const doc = parseText(text.replace(/^\uFEFF/, ''), file, kind);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    const found = text.trim() === '' ? 'an empty file' : describeFound(doc);
    throw new ScenarioError([{ file, path: '', expected: `an object (a ${kind} document)`, found }]);
  }
  return doc as Record<string, unknown>;
}

export function throwIfAny(issues: ScenarioIssue[]): void {
  if (issues.length > 0) throw new ScenarioError(issues);
}

function parseText(text: string, file: string, kind: string): unknown {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return parseJson(text, file);
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text, file);
  throw new ScenarioError([{ file, path: '', expected: `a ${kind} file ending in .yaml, .yml or .json`, found: ext === '' ? 'no extension' : JSON.stringify(ext) }]);
}

function parseJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8 says where as "at position N"; people want a line and a column.
    const message = (err as Error).message.replace(/at position (\d+)/, (_, pos: string) => lineColumn(text, Number(pos)));
    throw new ScenarioError([{ file, path: '', expected: 'valid JSON', found: message }]);
  }
  const repeated = duplicateJsonKey(text);
  if (repeated !== undefined) {
    const found = `the key ${JSON.stringify(repeated.key)} a second time ${lineColumn(text, repeated.offset)}`;
    throw new ScenarioError([{ file, path: '', expected: 'valid JSON with each key once per object', found }]);
  }
  return value;
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = doc.errors;
  if (first !== undefined) {
    // Only the first error: the ones after it are mostly the parser losing its place. Its
    // first line says what and where ("... at line 3, column 5:"); the rest is an excerpt.
    const found = first.message.split('\n')[0]!.replace(/:$/, '');
    throw new ScenarioError([{ file, path: '', expected: 'valid YAML', found }]);
  }
  // Aliases resolve only now: an alias to no anchor, or too many aliases (an alias bomb, over
  // yaml's maxAliasCount of 100), fails here. Found by fuzzing: the document `*!`.
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ScenarioError([{ file, path: '', expected: 'valid YAML', found: (err as Error).message }]);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
