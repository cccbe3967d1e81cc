/**
 * When a trace flow sends each packet of its trace: the one definition, read by the flow's
 * source (one packet after another) and by the loader and the cost estimate (how many packets
 * and bytes fall within a window). Packet k, at time t_k of the trace, leaves at
 *
 *   start + t_k - offset + j x loop     (pass j = 0, 1, ... while looping; pass 0 only without)
 *
 * for every such time at or after the start; with a loop, the offset counts from the start of
 * the pass it falls in (offset mod loop), so packets before it are skipped in the first pass only.
 */
import type { TraceConfig } from './types';

export class TraceCursor {
  private k: number;
  private pass = 0;
  private readonly offsetNs: number;

  constructor(private readonly t: TraceConfig) {
    this.offsetNs = passOffset(t);
    this.k = countBefore(t.packets.timesNs, this.offsetNs);
  }

  /** ns after the flow's start at which the current packet leaves; Infinity once there are no more. */
  get atNs(): number {
    const times = this.t.packets.timesNs;
    if (this.k >= times.length) return Infinity;
    return times[this.k]! - this.offsetNs + this.pass * (this.t.loopNs ?? 0);
  }

  get sizeBytes(): number {
    return this.t.packets.sizes[this.k]!;
  }

  advance(): void {
    this.k++;
    if (this.k === this.t.packets.count && this.t.loopNs !== undefined) {
      this.k = 0;
      this.pass++;
    }
  }
}

/** Packets and bytes a trace flow sends in the `windowNs` after its start (times before the window's end). */
export function tracedWithin(t: TraceConfig, windowNs: number): { packets: number; bytes: number } {
  const { timesNs, sizes } = t.packets;
  const n = timesNs.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + sizes[i]!;
  const offsetNs = passOffset(t);
  const first = countBefore(timesNs, offsetNs);
  // Pass j holds the packets with t_k < windowNs + offset - j x loop.
  const within = (limitNs: number, from: number) => Math.max(0, countBefore(timesNs, limitNs) - from);
  let packets = within(windowNs + offsetNs, first);
  let bytes = prefix[first + packets]! - prefix[first]!;
  const loop = t.loopNs;
  if (loop === undefined) return { packets, bytes };
  const last = timesNs[n - 1]!;
  // Passes 1..full are whole; the pass after them is cut by the window's end, and no later one reaches it (loop >= the trace's span).
  const room = windowNs + offsetNs - last;
  let full = Math.max(0, Math.ceil(room / loop) - 1);
  while ((full + 1) * loop < room) full++;
  while (full > 0 && full * loop >= room) full--;
  packets += full * n;
  bytes += full * prefix[n]!;
  const cut = within(windowNs + offsetNs - (full + 1) * loop, 0);
  return { packets: packets + cut, bytes: bytes + prefix[cut]! };
}

function passOffset(t: TraceConfig): number {
  return t.loopNs === undefined ? t.offsetNs : t.offsetNs % t.loopNs;
}

/** How many of the sorted times are below `limit`. */
function countBefore(times: Float64Array, limit: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
