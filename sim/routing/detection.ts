/**
 * When a routing protocol notices that its peer is gone. Hellos (BFD control packets, BGP
 * keepalives) arrive at phase + k x period; a silent failure is noticed when the last hello
 * before it is older than the detection time:
 *   BFD: multiplier x interval after the last hello, so between (multiplier - 1) and
 *        multiplier intervals after the failure (RFC 5880 §6.8.4);
 *   BGP: the hold time after the last keepalive, so between hold - keepalive and hold after
 *        the failure (RFC 4271 §6.5);
 *   IPsec DPD: the dead peer detection timeout after the failure [VPNFAQ26].
 * An administrative shutdown is noticed at once: BGP sends a NOTIFICATION (Cease).
 */

export type DetectionKind = 'bfd' | 'bgp-hold' | 'dpd' | 'admin';

export interface Detector {
  /** Hello period (BFD interval or BGP keepalive). */
  periodNs: number;
  /** How long after the last hello the peer is declared down. */
  timeoutNs: number;
  /** Arrival time of the first hello, in [0, period): drawn per session so sessions are not in lockstep. */
  phaseNs: number;
  kind: 'bfd' | 'bgp-hold';
  /** A second, hello-independent timeout counted from the failure (IPsec DPD), if any. */
  deadPeerNs?: number;
}

/** Time of the last hello at or before `t`. */
export function lastHello(d: Detector, t: number): number {
  return d.phaseNs + Math.floor((t - d.phaseNs) / d.periodNs) * d.periodNs;
}

/** Time of the first hello strictly after `t`. */
export function nextHello(d: Detector, t: number): number {
  return lastHello(d, t) + d.periodNs;
}

/** When a silent failure at `failedAt` is noticed, and by which mechanism. */
export function detectionTime(d: Detector, failedAt: number): { at: number; kind: DetectionKind } {
  const byHello = lastHello(d, failedAt) + d.timeoutNs;
  if (d.deadPeerNs !== undefined && failedAt + d.deadPeerNs < byHello) return { at: failedAt + d.deadPeerNs, kind: 'dpd' };
  return { at: byHello, kind: d.kind };
}

/** A repair at `repairedAt` before detection at `detectAt` goes unnoticed if a hello gets through first. */
export function repairMasksFailure(d: Detector, repairedAt: number, detectAt: number): boolean {
  return nextHello(d, repairedAt) < detectAt;
}
