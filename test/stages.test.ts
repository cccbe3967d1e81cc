/**
 * Each admission stage alone, on packets and on a fluid flow's packet shape: what it passes,
 * what it drops and why, how it reshapes a packet, and the capacities it offers fluid flows.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freshShape, Packet, PacketShape } from '../sim/net/packet';
import type { FluidCapacity } from '../sim/net/stages/admission-stage';
import { Fragmentation, fragmentsUnder } from '../sim/net/stages/fragmentation';
import { GatewayLimiter } from '../sim/net/stages/gateway-limiter';
import { MacsecFraming } from '../sim/net/stages/macsec-framing';
import { Policer } from '../sim/net/stages/policer';
import { TunnelCap } from '../sim/net/stages/tunnel-cap';
import { TunnelEntry, tunnelExit } from '../sim/net/stages/tunnel-entry';
import { TunnelPacketCap } from '../sim/net/stages/tunnel-packet-cap';
import { RateAndPacketLimiter, TokenBucket } from '../sim/net/token-bucket';

const stages = suite('admission stages');

const sink = { onDeliver: () => undefined, onDrop: () => undefined };
let seq = 0;
const packet = (sizeBytes: number, src = 0, dst = 1) => new Packet(sink, src, dst, 1, sizeBytes, 0, seq++);
const MS = 1_000_000;

function offers(stage: { fluid(s: PacketShape, offer: (c: FluidCapacity) => void): unknown }, s: PacketShape): FluidCapacity[] {
  const out: FluidCapacity[] = [];
  stage.fluid(s, (c) => out.push(c));
  return out;
}

stages('policer: conforms while the bucket holds the packet, to the token, and drops with cause policer', () => {
  // 125 000 B/s (1 Mbps), 1500 B deep.
  const bucket = new TokenBucket(125_000, 1500);
  const policer = new Policer(bucket);
  assert.is(policer.admit(packet(1000), 0), undefined); // 500 left
  assert.is(policer.admit(packet(1000), 0), 'policer');
  // 4 ms refill 500 B: exactly 1000 B, at the edge it conforms.
  assert.is(policer.admit(packet(1000), 4 * MS), undefined);
  assert.is(policer.admit(packet(1), 4 * MS), 'policer');
  const [c] = offers(policer, { ...freshShape(0, 1, 1000), wireBytes: 1040 });
  assert.equal(c, { bucket, perS: 1e6, perBit: 1.04, cause: 'policer' });
});

stages('gateway limiter: bytes and packets both must conform; a fragment counts as a packet; a refusal takes nothing', () => {
  const bytes = new TokenBucket(1e6, 3000);
  const packets = new TokenBucket(1000, 2);
  const gw = new GatewayLimiter(new RateAndPacketLimiter(bytes, packets));
  assert.is(gw.admit(packet(1000), 0), undefined);
  assert.is(gw.admit(packet(1000), 0), undefined); // 1000 B and no packet left
  assert.is(gw.admit(packet(1000), 0), 'gateway', 'no packet token');
  assert.ok(bytes.has(0, 1000), 'the refused packet took no bytes');
  // 1 ms: +1000 B (2000), +1 packet (1). A packet in two fragments needs two.
  const split = packet(1500);
  split.fragments = 2;
  assert.is(gw.admit(split, MS), 'gateway');
  assert.is(gw.admit(packet(1500), MS), undefined);
  assert.ok(bytes.has(MS, 500) && !bytes.has(MS, 501));
  const shape = { ...freshShape(0, 1, 1000), fragments: 2, wireBytes: 1020 };
  assert.equal(offers(gw, shape), [
    { bucket: bytes, perS: 8e6, perBit: 1.02, cause: 'gateway' },
    { bucket: packets, perS: 1000, perBit: 2 / 8000, cause: 'gateway' },
  ]);
});

stages('tunnel cap: a bucket per site, by the source into the gateway or the destination out of it; other sites pass', () => {
  const site5 = new TokenBucket(1e6, 1000);
  const into = new TunnelCap({ bySrc: true, caps: new Map([[5, site5]]) });
  assert.is(into.admit(packet(1000, 5, 1), 0), undefined);
  assert.is(into.admit(packet(1000, 5, 1), 0), 'gateway');
  assert.is(into.admit(packet(1000, 6, 1), 0), undefined, 'no cap for site 6');
  assert.is(into.admit(packet(1000, 1, 5), 0), undefined, 'into the gateway the site is the source');
  const outOf = new TunnelCap({ bySrc: false, caps: new Map([[5, new TokenBucket(1e6, 1000)]]) });
  assert.is(outOf.admit(packet(1000, 1, 5), 0), undefined);
  assert.is(outOf.admit(packet(1000, 1, 5), 0), 'gateway');
  assert.equal(offers(into, freshShape(6, 1, 1000)), []);
  assert.is(offers(into, freshShape(5, 1, 1000))[0]!.bucket, site5);
});

stages('tunnel packet cap: a packet bucket per site, a fragment is a packet, whatever the size; fluid flows meet packets per second', () => {
  // 1,000 packets/s, 2 deep, for site 5 into the gateway.
  const site5 = new TokenBucket(1000, 2);
  const cap = new TunnelPacketCap({ bySrc: true, caps: new Map([[5, site5]]) });
  assert.is(cap.admit(packet(60, 5, 1), 0), undefined);
  assert.is(cap.admit(packet(1400, 5, 1), 0), undefined, 'size does not matter');
  assert.is(cap.admit(packet(60, 5, 1), 0), 'gateway');
  assert.is(cap.admit(packet(60, 6, 1), 0), undefined, 'no cap for site 6');
  // 1 ms later one packet token: a packet in two fragments needs two.
  const split = packet(1500, 5, 1);
  split.fragments = 2;
  assert.is(cap.admit(split, MS), 'gateway');
  assert.is(cap.admit(packet(1500, 5, 1), MS), undefined);
  assert.equal(offers(cap, { ...freshShape(5, 1, 200), fragments: 1 }), [{ bucket: site5, perS: 1000, perBit: 1 / 1600, cause: 'gateway' }]);
  assert.equal(offers(cap, freshShape(6, 1, 200)), []);
});

stages('tunnel entry: ESP on the packets it carries, an inner packet over the tunnel MTU dropped (mtu), never twice; the far end strips it', () => {
  const entry = new TunnelEntry({ encapBytes: 64, tunnelMtuBytes: 1400, tunnelOnlyFor: -1 });
  const p = packet(1336);
  assert.is(entry.admit(p), undefined);
  assert.is(p.encapBytes, 64);
  assert.is(p.wireBytes, 1400);
  assert.is(entry.admit(p), undefined);
  assert.is(p.wireBytes, 1400, 'already in a tunnel');
  assert.is(entry.admit(packet(1401)), 'mtu');
  assert.is(entry.admit(packet(1400)), undefined, 'the tunnel MTU bounds the inner packet');
  const vnetOnly = new TunnelEntry({ encapBytes: 64, tunnelMtuBytes: 1400, tunnelOnlyFor: 9 });
  const other = packet(1000, 0, 1);
  vnetOnly.admit(other);
  assert.is(other.wireBytes, 1000, 'not to or from the VNet');
  const toVnet = packet(1000, 0, 9);
  vnetOnly.admit(toVnet);
  assert.is(toVnet.wireBytes, 1064);
  tunnelExit(toVnet);
  assert.is(toVnet.wireBytes, 1000);
  assert.is(toVnet.encapBytes, 0);
  const s = freshShape(0, 1, 1500);
  assert.is(entry.fluid(s), 'mtu', 'every packet of a fluid flow too large is dropped');
});

stages('fragmentation: fragments under the MTU each repeat the 20 B header; counted once per packet; the fluid shape alike', () => {
  // 1500 B MTU: 1480 B of payload per fragment. 3000 B: 2980 B of payload, 3 fragments, 3040 B.
  assert.is(fragmentsUnder(1500, 3000), 3);
  const frag = new Fragmentation(1500);
  const p = packet(3000);
  assert.is(frag.admit(p), undefined);
  assert.is(p.fragments, 3);
  assert.is(p.wireBytes, 3040);
  frag.admit(p);
  assert.is(p.wireBytes, 3040);
  const fits = packet(1500);
  frag.admit(fits);
  assert.is(fits.fragments, 1);
  assert.is(frag.fragmentedPackets, 1);
  // With 64 B of ESP at the tunnel's entry: 1464 B under a 1400 B MTU: 1376 B per fragment, 2, 1484 B.
  const esp = { ...freshShape(0, 1, 1400), encapBytes: 64, wireBytes: 1464 };
  assert.equal(offers(new Fragmentation(1400), esp), []);
  assert.is(esp.fragments, 2);
  assert.is(esp.wireBytes, 1484);
  assert.is(frag.fragmentedPackets, 1, 'the fluid face counts nothing');
});

stages('MACsec framing: its bytes on every fragment, for this link only', () => {
  const macsec = new MacsecFraming(32);
  const p = packet(3000);
  p.fragments = 3;
  p.wireBytes = 3040;
  macsec.admit(p);
  assert.is(p.framingBytes, 96);
  assert.is(p.wireBytes, 3040, 'not carried further');
  const s = freshShape(0, 1, 1500);
  assert.equal(offers(macsec, s), []);
  assert.is(s.framingBytes, 32);
});

stages.run();
