import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ControlEvent, DROP_CAUSES, dropCounts, TraceBus } from '../sim/trace/trace-bus';

const bus = suite('trace bus');

bus('each subscriber hears the kinds it implements, in subscription order', () => {
  const b = new TraceBus<string, string>();
  const heard: string[] = [];
  b.subscribe({ drop: (p, dir, cause) => heard.push(`a drop ${p}@${dir} ${cause}`), deliver: (p) => heard.push(`a deliver ${p}`) });
  b.subscribe({ drop: (p, _dir, cause) => heard.push(`b drop ${p} ${cause}`) });
  b.drop('p1', 'x->y', 'queue', 5);
  b.deliver('p2', 6);
  b.transmit('p3', 'x->y', 7);
  assert.equal(heard, ['a drop p1@x->y queue', 'b drop p1 queue', 'a deliver p2']);
});

bus('control events carry their time, kind, name, subject and detail', () => {
  const b = new TraceBus<never, never>();
  const seen: ControlEvent[] = [];
  b.control(1, 'failure', 'link_down', 'a--b');
  b.subscribe({ control: (e) => seen.push(e) });
  b.control(2, 'session', 'bfd_down', 'er-primary', 'a--b');
  assert.equal(seen, [{ timeNs: 2, kind: 'session', event: 'bfd_down', subject: 'er-primary', detail: 'a--b' }]);
});

bus('a method subscriber keeps its this', () => {
  class Counter {
    n = 0;
    deliver(): void {
      this.n++;
    }
  }
  const c = new Counter();
  const b = new TraceBus<number, number>();
  b.subscribe(c);
  b.deliver(1, 0);
  b.deliver(2, 0);
  assert.is(c.n, 2);
});

bus('one drop cause list, in links.csv order', () => {
  assert.equal([...DROP_CAUSES], ['queue', 'policer', 'gateway', 'down', 'loss', 'mtu', 'noroute']);
  assert.equal(Object.keys(dropCounts()), [...DROP_CAUSES]);
});

bus.run();
