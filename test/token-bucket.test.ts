/** TokenBucket: a query that takes nothing, refill at the rate up to the depth, the share fluid flows use, and thinning. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TokenBucket } from '../sim/net/token-bucket';

const bucket = suite('token bucket');
const S = 1e9;

bucket('has is a query: asking twice takes nothing, conform takes', () => {
  const b = new TokenBucket(1000, 1500);
  assert.ok(b.has(0, 1500));
  assert.ok(b.has(0, 1500));
  assert.ok(b.conform(0, 1500));
  assert.not.ok(b.has(0, 1));
  assert.not.ok(b.conform(0, 1), 'out of profile');
});

bucket('refills at its rate, up to its depth', () => {
  const b = new TokenBucket(1000, 1000);
  assert.ok(b.conform(0, 1000));
  assert.ok(b.has(0.5 * S, 500));
  assert.not.ok(b.has(0.5 * S, 501));
  assert.ok(b.has(10 * S, 1000));
  assert.not.ok(b.has(10 * S, 1001), 'never more than its depth');
});

bucket('fluid flows using part of the rate leave packets the rest', () => {
  const b = new TokenBucket(1000, 1000);
  assert.ok(b.conform(0, 1000));
  b.shareWithFluid(600, 1);
  assert.ok(b.has(S, 400));
  assert.not.ok(b.has(S, 401));
  b.shareWithFluid(0, 1);
  assert.ok(b.has(2 * S, 1000), 'the whole rate again');
});

bucket('thinning: a bucket overloaded by fluid passes its fraction of what it is offered, by a credit, and takes no tokens', () => {
  const b = new TokenBucket(1000, 1000);
  b.shareWithFluid(1000, 0.25);
  assert.ok(b.thinning);
  assert.ok(b.has(0, 1000), 'a query sees the tokens and moves no credit');
  const passed = Array.from({ length: 8 }, () => b.conform(0, 1000));
  assert.equal(passed, [false, false, false, true, false, false, false, true]);
  b.shareWithFluid(0, 1);
  assert.not.ok(b.thinning);
  assert.ok(b.has(0, 1000), 'thinning took no tokens');
});

bucket.run();
