/**
 * Link fields each direction may have on its own (loss, jitter, loss bursts): written as one
 * value for both directions, or as `{ forward, reverse }`. Which way is forward: types.ts,
 * PerDirection.
 */
import type { PerDirection } from './types';

export const DIRECTIONS: readonly (keyof PerDirection<unknown>)[] = ['forward', 'reverse'];

/** A per-direction field as a file writes it. */
export type PerDirectionDoc<D> = D | PerDirection<D>;

export function bothWays<T>(value: T): PerDirection<T> {
  return { forward: value, reverse: value };
}

/** The same values seen from the other end: a link named `b--a` where the graph has `a--b`. */
export function reversed<T>(p: PerDirection<T>): PerDirection<T> {
  return { forward: p.reverse, reverse: p.forward };
}

export function isPerDirection<D>(doc: PerDirectionDoc<D>): doc is PerDirection<D> {
  return typeof doc === 'object' && doc !== null && 'forward' in doc;
}

/** Read a field written either way; `read` checks each value at its own path (`loss`, or `loss.forward` and `loss.reverse`). */
export function readPerDirection<D, T>(path: string, doc: PerDirectionDoc<D>, read: (path: string, value: D) => T): PerDirection<T> {
  if (!isPerDirection(doc)) return bothWays(read(path, doc));
  return { forward: read(`${path}.forward`, doc.forward), reverse: read(`${path}.reverse`, doc.reverse) };
}
