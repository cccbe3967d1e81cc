/**
 * TcpBulkFlow: one TCP connection that sends a fixed number of bytes, or as much as it can
 * until the flow stops: a backup, a replication stream, a file copy.
 */
import type { Simulator } from '../kernel/simulator';
import type { FlowStats } from '../metrics/flow-stats';
import type { TcpStats } from '../metrics/tcp-stats';
import type { TcpConfig } from '../scenario/types';
import { TcpReceiver } from './tcp-receiver';
import { TcpSender } from './tcp-sender';
import type { SourceEndpoints } from './traffic-source';

export class TcpBulkFlow {
  sender: TcpSender | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly stats: FlowStats,
    private readonly tcp: TcpStats,
    private readonly ends: SourceEndpoints,
    private readonly cfg: TcpConfig,
    private readonly mss: number,
    private readonly totalBytes: number,
    private readonly startNs: number,
    private readonly stopNs: number,
  ) {}

  start(): void {
    this.sim.at(this.startNs, () => {
      const { src, dst, flowHash } = this.ends;
      const receiver = new TcpReceiver(this.sim, dst, src, flowHash, this.cfg, this.stats, this.tcp, undefined);
      const sender = new TcpSender(this.sim, src, dst, flowHash, this.cfg, this.mss, this.totalBytes, this.stopNs, this.stats, this.tcp, this.cfg.rwndBytes, () => this.stats.done(this.sim.now));
      sender.receiver = receiver;
      receiver.sender = sender;
      this.sender = sender;
      sender.open();
    });
  }
}
