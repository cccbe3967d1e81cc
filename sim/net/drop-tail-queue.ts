/**
 * DropTailQueue: a FIFO limited in bytes; it refuses a packet that would overflow it.
 */
import type { Packet } from './packet';
import type { PacketQueue } from './packet-queue';

export class DropTailQueue implements PacketQueue {
  private items: (Packet | undefined)[] = [];
  private head = 0;
  private _bytes = 0;

  constructor(readonly limitBytes: number) {}

  get packets(): number {
    return this.items.length - this.head;
  }

  get bytes(): number {
    return this._bytes;
  }

  enqueue(p: Packet): boolean {
    if (this._bytes + p.wireBytes > this.limitBytes) return false;
    this.items.push(p);
    this._bytes += p.wireBytes;
    return true;
  }

  dequeue(): Packet | undefined {
    if (this.head >= this.items.length) return undefined;
    const p = this.items[this.head]!;
    this.items[this.head++] = undefined;
    // Compact once the dead prefix dominates, so the array does not grow with the run.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this._bytes -= p.wireBytes;
    return p;
  }
}
