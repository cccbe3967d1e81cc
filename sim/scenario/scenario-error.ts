/**
 * ScenarioError: everything wrong with a scenario file, each issue naming the file, the field
 * path, what was expected and what was found. cli/ prints the issues and exits with code 2.
 */

export interface ScenarioIssue {
  file: string;
  /** Field path such as `traffic[1].to`; empty for the document itself. */
  path: string;
  expected: string;
  /** What the file holds there, already quoted for display (e.g. `"1 Gbs"`, `-5`, `missing`). */
  found: string;
}

export function formatIssue(i: ScenarioIssue): string {
  const where = i.path === '' ? i.file : `${i.file}: ${i.path}`;
  return `${where}: expected ${i.expected}, found ${i.found}`;
}

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}

/** Quote a value from a document for an error message, short enough to read. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${value} (${typeof value})`;
  return `a ${typeof value}`;
}

/**
 * Text from a file ersim did not necessarily write (run.json's version, a recorded file name),
 * safe to print on a terminal: control characters (escape sequences can move the cursor,
 * retitle the window or hide what follows) and bidirectional overrides become \u escapes.
 */
export function printable(text: unknown): string {
  return String(text).replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNPRINTABLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
