/**
 * The builders every field of the scenario schema is made with (schema.ts, schema-traffic.ts):
 * each puts the field's unit and default into its description, so that they show as editor
 * tooltips, and states the default as the `default` keyword where the schema can.
 */
import { Optional, Type, type TSchema } from '@sinclair/typebox';
import type { UnitKind } from './units';

/** Scenario, site, flow and node names: safe in file names, link ids and CSV cells, and never read as a command-line option. */
export const NAME_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$';

/** A default that the schema can state (`default` keyword) or only describe (`{ text }`), or none: REQUIRED. */
export type Default = string | number | boolean | { text: string } | typeof REQUIRED;
export const REQUIRED = { required: true } as const;

export function described(description: string, dflt: Default | undefined): { description: string; default?: unknown } {
  if (dflt === undefined) return { description };
  if (typeof dflt === 'object') return { description: 'text' in dflt ? `${description} Default: ${dflt.text}.` : `${description} Required.` };
  return { description: `${description} Default: ${dflt === '' ? '""' : dflt}.`, default: dflt };
}

export function measure(kind: UnitKind, description: string, dflt?: Default) {
  const unit = kind.expected[0]!.toUpperCase() + kind.expected.slice(1);
  return Type.String({ pattern: kind.pattern, ...described(`${description} ${unit}.`, dflt) });
}

export function oneOf<T extends string | number>(values: readonly T[], description: string, dflt?: Default) {
  const type = typeof values[0] === 'number' ? 'integer' : 'string';
  return Type.Unsafe<T>({ type, enum: [...values], ...described(description, dflt) });
}

export function name(description: string, dflt?: Default) {
  return Type.String({ pattern: NAME_PATTERN, ...described(`${description} 1 to 64 letters, digits, ".", "_" or "-", not starting with "." or "-".`, dflt) });
}

export function bool(description: string, dflt?: Default) {
  return Type.Boolean(described(description, dflt));
}

/** Every object is closed, so that a misspelt field is an error rather than silently ignored. */
export function object<T extends Record<string, TSchema>>(properties: T, description: string) {
  return Type.Object(properties, { additionalProperties: false, description });
}

/**
 * A link field each direction may have on its own: one value for both directions, or
 * `{ forward, reverse }` (forward: from the end a link's id names first to the other).
 */
export function perDirection<T extends TSchema>(description: string, dflt: Default | undefined, value: (description: string) => T) {
  const each = object(
    { forward: value(`Forward: ${description}`), reverse: value(`Reverse: ${description}`) },
    'Each direction on its own, both required: forward runs from the end the link id names first (on template links, the premises side) to the other.',
  );
  return Type.Union([value(description), each], described(`${description} One value for both directions, or { forward, reverse }.`, dflt));
}

export const O = Optional;
