/**
 * Number formatting for result files: fixed decimals, so the same run gives the same bytes on
 * every machine and no value is ever written in exponent form.
 */
import { NS_PER_MS, NS_PER_S } from '../kernel/time';

export function fixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return '';
  const s = x.toFixed(decimals);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

export const int = (x: number): string => fixed(Math.round(x), 0);
export const ms = (ns: number): string => fixed(ns / NS_PER_MS, 6);
export const sec = (ns: number): string => fixed(ns / NS_PER_S, 9).replace(/\.?0+$/, '') || '0';
export const pct = (part: number, whole: number): string => fixed(whole > 0 ? (100 * part) / whole : 0, 4);
