/**
 * Checks a document against the scenario schema with Ajv and turns the errors into
 * ScenarioIssues: one per wrong field, naming the field (`traffic[1].to`), what belongs there
 * in words (`a rate such as "1Gbps" ...`) and what the file holds there.
 */
import type { TSchema } from '@sinclair/typebox';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { describeFound, type ScenarioIssue } from './scenario-error';
import { PATTERN_EXPECTATIONS, ScenarioSchema } from './schema';

/** The parts of a JSON schema node this file reads. */
interface SchemaNode {
  type?: string;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  required?: string[];
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, SchemaNode>;
  /** A map such as circuits[i].siteDistance: any key, each value of one schema. */
  patternProperties?: Record<string, SchemaNode>;
}

const validators = new Map<TSchema, ValidateFunction>();

function compiled(schema: TSchema): ValidateFunction {
  // Compiled once per schema, on first use; verbose errors carry the failing schema node and the data.
  let validator = validators.get(schema);
  if (validator === undefined) validators.set(schema, (validator = new Ajv({ allErrors: true, verbose: true }).compile(schema)));
  return validator;
}

/** Everything about `doc` that `schema` (the scenario's, or another file format's built the same way) rejects; empty when it conforms. */
export function schemaIssues(doc: unknown, file: string, schema: TSchema = ScenarioSchema): ScenarioIssue[] {
  const validate = compiled(schema);
  if (validate(doc)) return [];
  const byPath = new Map<string, ScenarioIssue>();
  for (const error of resolveAnyOf(validate.errors ?? [])) {
    const issue = toIssue(error, doc, file);
    // Ajv may report one field under several keywords (integer and minimum, ...): the first,
    // which is the type when the type is wrong, says enough.
    if (!byPath.has(issue.path)) byPath.set(issue.path, issue);
  }
  return [...byPath.values()];
}

/**
 * A value that fails an `anyOf` gets errors from every branch. When the value has the type of
 * one branch (an object where "a duration or an object" belongs), that branch's errors are the
 * useful ones (of two object branches, the one whose required fields the value has); otherwise
 * the single anyOf error, which names all the branches, is.
 */
function resolveAnyOf(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const anyOf of errors) {
    if (anyOf.keyword !== 'anyOf' || !kept.includes(anyOf)) continue;
    // Under this anyOf in the schema, and at or below its value in the document (array items share schema paths).
    const inside = (e: ErrorObject) =>
      e.schemaPath.startsWith(`${anyOf.schemaPath}/`) && (e.instancePath === anyOf.instancePath || e.instancePath.startsWith(`${anyOf.instancePath}/`));
    // Among branches of the value's type, the one whose required fields it has (a site group has group and count, a site a name).
    const branches = anyOf.schema as SchemaNode[];
    const typed = (b: SchemaNode) => hasType(anyOf.data, b.type);
    const hasRequired = (b: SchemaNode) => (b.required ?? []).every((k) => Object.hasOwn(anyOf.data as object, k));
    const fitting = branches.findIndex((b) => typed(b) && b.type === 'object' && hasRequired(b));
    const branch = fitting >= 0 ? fitting : branches.findIndex(typed);
    kept =
      branch < 0
        ? kept.filter((e) => !inside(e))
        : kept.filter((e) => e !== anyOf && (!inside(e) || e.schemaPath.startsWith(`${anyOf.schemaPath}/${branch}/`)));
  }
  return kept;
}

function hasType(value: unknown, type: string | undefined): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function toIssue(error: ErrorObject, doc: unknown, file: string): ScenarioIssue {
  const segments = pointerSegments(error.instancePath, doc);
  const parent = error.parentSchema as SchemaNode;
  switch (error.keyword) {
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      const schema = parent.properties?.[field];
      return { file, path: formatPath([...segments, field]), expected: schema ? expectedOf(schema) : 'a value', found: describeFound(undefined) };
    }
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(parent.properties ?? {}).filter((k) => k !== '$schema');
      const guess = closest(field, known);
      const hint = guess === undefined ? '' : `did you mean "${guess}"? `;
      return {
        file,
        path: formatPath([...segments, field]),
        expected: `no such field (${hint}known fields: ${known.join(', ')})`,
        found: describeFound((error.data as Record<string, unknown>)[field]),
      };
    }
    default:
      return { file, path: formatPath(segments), expected: expectedOf(parent), found: describeFound(error.data) };
  }
}

/** What a value of this schema node is, in words. */
function expectedOf(schema: SchemaNode): string {
  if (schema.anyOf) return schema.anyOf.map(expectedOf).join(', or ');
  if (schema.enum) return `one of ${schema.enum.join(', ')}`;
  switch (schema.type) {
    case 'string':
      if (schema.pattern !== undefined) return PATTERN_EXPECTATIONS.get(schema.pattern) ?? `a string matching ${schema.pattern}`;
      return schema.minLength ? 'a non-empty string' : 'a string';
    case 'integer':
      return `an integer${range(schema)}`;
    case 'number':
      return `a number${range(schema)}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return `an array${items(schema)}`;
    case 'object': {
      const [values] = Object.values(schema.patternProperties ?? {});
      if (values !== undefined) return `an object whose values are each ${expectedOf(values)}`;
      return `an object (fields: ${Object.keys(schema.properties ?? {}).join(', ')})`;
    }
    default:
      return 'a value';
  }
}

function range(schema: SchemaNode): string {
  const { minimum: min, maximum: max, exclusiveMinimum: above } = schema;
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of ${min} or more`;
  if (above !== undefined) return ` above ${above}`;
  return '';
}

function items(schema: SchemaNode): string {
  const { minItems: min, maxItems: max } = schema;
  if (min && max !== undefined) return ` of ${min} to ${max} items`;
  if (min) return ` of at least ${min} item${min > 1 ? 's' : ''}`;
  if (max !== undefined) return ` of at most ${max} items`;
  return '';
}

/** The known name nearest to a misspelt one, if it is near enough to be a likely typo. */
function closest(field: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(field.length / 3)) + 1;
  for (const name of known) {
    const d = editDistance(field.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The segments of a JSON pointer ("/traffic/1/to"), with array indices as numbers. */
function pointerSegments(pointer: string, doc: unknown): (string | number)[] {
  const segments: (string | number)[] = [];
  let node = doc;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    segments.push(segment);
    node = (node as Record<string | number, unknown>)[segment];
  }
  return segments;
}

/** `traffic[1].to`; a key that is not a plain name is quoted: `circuit["band width"]`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const s of segments) {
    if (typeof s === 'number') path += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) path += path === '' ? s : `.${s}`;
    else path += `[${JSON.stringify(s)}]`;
  }
  return path;
}
