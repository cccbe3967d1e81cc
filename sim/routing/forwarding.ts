/**
 * Route computation: fills every node's forwarding table with the equal-cost (fewest hops)
 * next hops toward each destination over links and nodes that are up.
 *
 * Some nodes never carry traffic from one on-premises site to another (Azure's, and the
 * provider ends that only join sites to the MSEEs: NetNode.siteTransit false). Toward a
 * site, a path may start among such nodes (traffic from Azure), but once it leaves them it
 * never re-enters, and a path that starts at a site never enters them.
 */
import type { Network } from '../net/network';
import type { NetNode } from '../net/net-node';

const noTransit = (node: NetNode): boolean => !node.siteTransit;

export function computeForwarding(net: Network, destinations: readonly NetNode[]): void {
  const n = net.nodes.length;
  const dist = new Int32Array(n);
  for (const node of net.nodes) node.routes = new Array(n);
  for (const dst of destinations) {
    dist.fill(-1);
    if (!dst.up) continue;
    const outside = dst.role === 'premises';
    hopCounts(net, dst, dist, outside);
    if (outside) nonTransitExits(net, dist);
    for (const u of net.nodes) {
      if (u === dst || dist[u.index]! < 0) continue;
      const stayOutside = outside && !noTransit(u);
      u.routes[dst.index] = u.out.filter((d) => {
        const v = net.node(d.props.to);
        return d.up && v.up && dist[v.index] === dist[u.index]! - 1 && !(stayOutside && noTransit(v));
      });
    }
  }
}

/** Breadth-first from `dst` over reversed live links; with `outsideOnly`, non-transit nodes are neither labelled nor crossed. */
function hopCounts(net: Network, dst: NetNode, dist: Int32Array, outsideOnly: boolean): void {
  dist[dst.index] = 0;
  const frontier: NetNode[] = [dst];
  for (let head = 0; head < frontier.length; head++) {
    const v = frontier[head]!;
    for (const back of v.out) {
      const u = net.node(back.props.to);
      if (!u.up || dist[u.index] !== -1 || (outsideOnly && noTransit(u))) continue;
      if (!reverseOf(net, back).up) continue;
      dist[u.index] = dist[v.index]! + 1;
      frontier.push(u);
    }
  }
}

/** Label non-transit nodes with their hop count to the destination through their nearest exit from the non-transit set. */
function nonTransitExits(net: Network, dist: Int32Array): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of net.nodes) {
      if (!noTransit(u) || !u.up) continue;
      for (const d of u.out) {
        const v = net.node(d.props.to);
        const dv = dist[v.index]!;
        if (!d.up || !v.up || dv < 0) continue;
        if (dist[u.index]! < 0 || dv + 1 < dist[u.index]!) {
          dist[u.index] = dv + 1;
          changed = true;
        }
      }
    }
  }
}

function reverseOf(net: Network, dir: NetNode['out'][number]): NetNode['out'][number] {
  const pair = net.linkById.get(dir.props.link)!;
  return pair[0] === dir ? pair[1] : pair[0];
}

/** Whether a packet from `src` can reach `dst` by the current tables. */
export function reachable(net: Network, src: NetNode, dst: NetNode): boolean {
  const seen = new Set<number>();
  const stack = [src];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u === dst) return true;
    if (seen.has(u.index)) continue;
    seen.add(u.index);
    for (const d of u.routes[dst.index] ?? []) stack.push(net.node(d.props.to));
  }
  return false;
}
