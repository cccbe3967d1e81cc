/**
 * RequestFlow: request/response traffic, as API calls make. Requests arrive as a Poisson
 * process; each opens its own TCP connection (a new source port, so its own ECMP hash), sends
 * the request, and the server answers on a connection of its own once the whole request is
 * in. A request completes when the whole response has arrived; the application gives up on it
 * at its timeout and aborts both connections.
 */
import type { Simulator } from '../kernel/simulator';
import type { RandomStream } from '../kernel/random';
import type { FlowStats } from '../metrics/flow-stats';
import type { TcpStats } from '../metrics/tcp-stats';
import type { RequestConfig, TcpConfig } from '../scenario/types';
import { hashString } from '../net/net-node';
import { TcpReceiver } from './tcp-receiver';
import { TcpSender } from './tcp-sender';
import type { SourceEndpoints } from './traffic-source';

export class RequestFlow {
  private k = 0;
  private t: number;
  /** Requests opened and neither completed nor timed out: between requests, silence is no outage. */
  private outstanding = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly name: string,
    private readonly stats: FlowStats,
    private readonly tcp: TcpStats,
    private readonly ends: SourceEndpoints,
    private readonly cfg: TcpConfig,
    private readonly req: RequestConfig,
    private readonly mss: number,
    startNs: number,
    private readonly stopNs: number,
    private readonly rng: RandomStream,
  ) {
    this.t = startNs;
  }

  start(): void {
    this.stats.noteIdleFrom(this.t);
    this.scheduleNext();
  }

  private scheduleNext(): void {
    this.t += this.rng.exponential(1e9 / this.req.ratePerS);
    const at = Math.round(this.t);
    if (at < this.stopNs) this.sim.at(at, this.open);
  }

  private readonly open = (): void => {
    this.scheduleNext();
    const { src, dst } = this.ends;
    const hash = hashString(`${this.name}#${this.k++}`);
    const startedAt = this.sim.now;
    const tcp = this.tcp;
    tcp.requests++;
    if (this.outstanding++ === 0) this.stats.noteBusy(startedAt);
    const parts: { close(): void }[] = [];
    let finished = false;
    const finish = (completed: boolean): void => {
      if (finished) return;
      finished = true;
      if (--this.outstanding === 0) this.stats.noteIdleFrom(this.sim.now);
      this.sim.cancel(timeout);
      for (const p of parts) p.close();
      if (completed) {
        tcp.completed++;
        tcp.completion.recordValueWithCount(this.sim.now - startedAt, 1);
      } else tcp.timedOut++;
    };
    const timeout = this.sim.schedule(this.req.timeoutNs, () => finish(false));
    const connect = (from: typeof src, to: typeof dst, bytes: number, done: () => void): TcpSender => {
      const receiver = new TcpReceiver(this.sim, to, from, hash, this.cfg, this.stats, tcp, { bytes, then: done });
      const sender = new TcpSender(this.sim, from, to, hash, this.cfg, this.mss, bytes, Infinity, this.stats, tcp, this.cfg.rwndBytes, undefined);
      sender.receiver = receiver;
      receiver.sender = sender;
      parts.push(sender, receiver);
      return sender;
    };
    const response = () => connect(dst, src, this.req.responseBytes, () => finish(true)).open();
    connect(src, dst, this.req.requestBytes, response).open();
  };
}
