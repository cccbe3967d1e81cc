/**
 * Typed reads of optional fields of an exported JSON document. A field that is absent (or null,
 * as Terraform writes unset attributes) reads as undefined; a field of the wrong type is an issue
 * naming the file, its path, what was expected and what was found, collected so that every
 * problem of an input is reported at once.
 */
import { describeFound, type ScenarioIssue } from '../scenario/scenario-error';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class JsonFields {
  readonly issues: ScenarioIssue[] = [];
  constructor(readonly file: string) {}

  problem(path: string, expected: string, found: unknown): void {
    this.issues.push({ file: this.file, path, expected, found: describeFound(found) });
  }

  string(obj: JsonObject, key: string, path: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    this.problem(`${path}.${key}`, 'a string', v);
    return undefined;
  }

  number(obj: JsonObject, key: string, path: string): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    // az and ARM sometimes write numbers as strings ("bandwidthInMbps": "1000").
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
    this.problem(`${path}.${key}`, 'a number, 0 or more', v);
    return undefined;
  }

  boolean(obj: JsonObject, key: string, path: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    this.problem(`${path}.${key}`, 'true or false', v);
    return undefined;
  }

  object(obj: JsonObject, key: string, path: string): JsonObject | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (isObject(v)) return v;
    this.problem(`${path}.${key}`, 'an object', v);
    return undefined;
  }

  /** Terraform writes a nested block as a list of one object (`sku: [{ tier: ... }]`). */
  block(obj: JsonObject, key: string, path: string): [JsonObject, string] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && v.length === 0) return undefined;
    if (Array.isArray(v) && isObject(v[0])) return [v[0], `${path}.${key}[0]`];
    if (isObject(v)) return [v, `${path}.${key}`];
    this.problem(`${path}.${key}`, 'a block (a list of one object)', v);
    return undefined;
  }

  strings(obj: JsonObject, key: string, path: string): string[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v;
    this.problem(`${path}.${key}`, 'a list of strings', v);
    return [];
  }

  array(obj: JsonObject, key: string, path: string): unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    this.problem(`${path}.${key}`, 'an array', v);
    return [];
  }
}
