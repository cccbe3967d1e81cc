/**
 * Scenario files, part three: traffic of the kinds that run TCP. tcp (a bulk transfer) and
 * request (requests and responses) flows resolved with their documented defaults, and one issue
 * per field that a kind needs and lacks or has and must not. Part one, load-scenario.test.ts,
 * covers the packet kinds (cbr, poisson, onoff) with the rest of the format.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issueAt, issuesOf, load, withFlow } from './helpers/scenario-docs';

/** Every TCP field at its documented default. */
const DEFAULT_TCP = {
  cc: 'cubic',
  delayedAck: true,
  sack: true,
  recovery: 'prr',
  slowStart: 'hystart++',
  pacing: false,
  delayedAckNs: 40e6,
  rwndBytes: 16e6,
  minRtoNs: 200e6,
  maxRtoNs: 60e9,
  initialWindowSegments: 10,
  mssBytes: undefined,
};

const valid = suite('load-scenario: tcp and request flows resolved');

valid('a tcp flow resolves with the documented defaults: unbounded, no rate, no packet size', () => {
  const s = load(withFlow({ name: 'backup', kind: 'tcp' }));
  assert.equal(s.traffic, [
    { name: 'backup', kind: 'tcp', from: 'hq', to: 'vnet', rateBps: 0, sizeBytes: 0, startNs: 0, stopNs: 60e9, path: 'traffic[0]', model: 'packet', tcp: DEFAULT_TCP, totalBytes: undefined },
  ]);
});

valid('a tcp flow with every field given; size is the bytes to transfer', () => {
  const s = load(
    withFlow({
      kind: 'tcp',
      size: '2GB',
      cc: 'newreno',
      delayedAck: false,
      sack: false,
      recovery: 'rfc6675',
      slowStart: 'standard',
      pacing: true,
      delayedAckTimeout: '200ms',
      rwnd: '4MiB',
      minRto: '1s',
      maxRto: '120s',
      initialWindow: 4,
      mss: '1360B',
      start: '5s',
      stop: '50s',
    }),
  );
  const f = s.traffic[0]!;
  assert.is(f.totalBytes, 2e9);
  assert.equal([f.rateBps, f.sizeBytes, f.startNs, f.stopNs], [0, 0, 5e9, 50e9]);
  assert.equal(f.tcp, {
    cc: 'newreno',
    delayedAck: false,
    sack: false,
    recovery: 'rfc6675',
    slowStart: 'standard',
    pacing: true,
    delayedAckNs: 200e6,
    rwndBytes: 4 * 1024 ** 2,
    minRtoNs: 1e9,
    maxRtoNs: 120e9,
    initialWindowSegments: 4,
    mssBytes: 1360,
  });
  assert.is(f.request, undefined);
});

valid('a request flow resolves: requestRate, 1KB requests, 64KB responses, a 10s timeout, the TCP defaults', () => {
  const s = load(withFlow({ name: 'api', kind: 'request', requestRate: 20 }));
  assert.equal(s.traffic, [
    {
      name: 'api',
      kind: 'request',
      from: 'hq',
      to: 'vnet',
      rateBps: 0,
      sizeBytes: 0,
      startNs: 0,
      stopNs: 60e9,
      path: 'traffic[0]',
      model: 'packet',
      tcp: DEFAULT_TCP,
      request: { ratePerS: 20, requestBytes: 1000, responseBytes: 64_000, timeoutNs: 10e9 },
    },
  ]);
  const given = load(withFlow({ kind: 'request', requestRate: 0.5, requestSize: '2KB', responseSize: '1MiB', timeout: '5s', cc: 'newreno' })).traffic[0]!;
  assert.equal(given.request, { ratePerS: 0.5, requestBytes: 2000, responseBytes: 1024 ** 2, timeoutNs: 5e9 });
  assert.is(given.tcp!.cc, 'newreno');
  assert.is(given.totalBytes, undefined);
});

valid('the packet kinds are unchanged: no tcp, request or totalBytes', () => {
  const f = load(withFlow({ kind: 'poisson', rate: '1Mbps' })).traffic[0]!;
  assert.equal([f.rateBps, f.sizeBytes], [1e6, 1000]);
  assert.ok(!('tcp' in f) && !('request' in f) && !('totalBytes' in f));
});

valid('--set turns a flow into a tcp flow', () => {
  const s = load(withFlow({ kind: 'tcp' }), ['traffic[0].cc=newreno', 'traffic[0].size=100MB']);
  assert.equal([s.traffic[0]!.tcp!.cc, s.traffic[0]!.totalBytes], ['newreno', 100e6]);
});

const bad = suite('load-scenario: tcp and request fields, one issue per mistake');

bad('a rate on a tcp or a request flow', () => {
  const tcp = issueAt('traffic[0].rate', () => load(withFlow({ kind: 'tcp', rate: '1Gbps' })));
  assert.is(tcp.expected, 'no rate for a tcp flow: TCP finds its own rate');
  assert.is(tcp.found, '"1Gbps"');
  assert.match(issueAt('traffic[0].rate', () => load(withFlow({ kind: 'request', requestRate: 1, rate: '1Mbps' }))).expected, 'no rate for a request flow');
});

bad('on and off periods on a tcp flow', () => {
  assert.match(issueAt('traffic[0].on', () => load(withFlow({ kind: 'tcp', on: '1s' }))).expected, 'only kind onoff has one (kind is tcp)');
  issueAt('traffic[0].off', () => load(withFlow({ kind: 'request', requestRate: 1, off: '1s' })));
});

bad('a request flow without requestRate', () => {
  const issue = issueAt('traffic[0].requestRate', () => load(withFlow({ kind: 'request' })));
  assert.match(issue.expected, 'requests per second');
  assert.is(issue.found, 'nothing (the field is missing)');
  assert.match(issueAt('traffic[0].requestRate', () => load(withFlow({ kind: 'request', requestRate: 0 }))).expected, 'a number above 0');
});

bad('a congestion control ersim does not model', () => {
  const issue = issueAt('traffic[0].cc', () => load(withFlow({ kind: 'tcp', cc: 'bbr' })));
  assert.is(issue.expected, 'one of newreno, cubic');
  assert.is(issue.found, '"bbr"');
});

bad('a recovery or a slow start ersim does not model, pacing that is not a boolean', () => {
  assert.is(issueAt('traffic[0].recovery', () => load(withFlow({ kind: 'tcp', recovery: 'rack' }))).expected, 'one of prr, rfc6675');
  assert.is(issueAt('traffic[0].slowStart', () => load(withFlow({ kind: 'tcp', slowStart: 'hystart' }))).expected, 'one of hystart++, standard');
  issueAt('traffic[0].pacing', () => load(withFlow({ kind: 'tcp', pacing: 'fq' })));
  assert.is(issueAt('traffic[0].pacing', () => load(withFlow({ kind: 'cbr', rate: '1Mbps', pacing: true }))).expected, 'no pacing for a cbr flow: only kinds tcp and request run TCP');
});

bad('a size on a request flow', () => {
  const issue = issueAt('traffic[0].size', () => load(withFlow({ kind: 'request', requestRate: 1, size: '1KB' })));
  assert.match(issue.expected, 'no size for a request flow: requestSize and responseSize');
});

bad('TCP fields on a packet flow, request fields on a tcp flow', () => {
  const delayedAck = issueAt('traffic[0].delayedAck', () => load(withFlow({ kind: 'cbr', rate: '1Mbps', delayedAck: true })));
  assert.is(delayedAck.expected, 'no delayedAck for a cbr flow: only kinds tcp and request run TCP');
  assert.is(delayedAck.found, 'true (boolean)');
  const issues = issuesOf(() => load(withFlow({ kind: 'onoff', rate: '1Mbps', mss: '1000B', rwnd: '1MB', requestSize: '1KB' })));
  assert.equal(issues.map((i) => i.path), ['traffic[0].rwnd', 'traffic[0].mss', 'traffic[0].requestSize']);
  assert.match(issueAt('traffic[0].timeout', () => load(withFlow({ kind: 'tcp', timeout: '1s' }))).expected, 'only kind request has one');
});

bad('rate is still required for cbr, poisson and onoff', () => {
  for (const kind of ['cbr', 'poisson', 'onoff']) {
    const issue = issueAt('traffic[0].rate', () => load(withFlow({ kind })));
    assert.match(issue.expected, `kind ${kind} needs one`);
    assert.is(issue.found, 'nothing (the field is missing)');
  }
});

bad('TCP values out of range', () => {
  assert.is(issueAt('traffic[0].initialWindow', () => load(withFlow({ kind: 'tcp', initialWindow: 0 }))).expected, 'an integer from 1 to 1000');
  issueAt('traffic[0].initialWindow', () => load(withFlow({ kind: 'tcp', initialWindow: 2.5 })));
  assert.match(issueAt('traffic[0].rwnd', () => load(withFlow({ kind: 'tcp', rwnd: '2919B' }))).expected, 'a size from 2920B to 1073725440B');
  issueAt('traffic[0].rwnd', () => load(withFlow({ kind: 'tcp', rwnd: '2GiB' })));
  assert.match(issueAt('traffic[0].delayedAckTimeout', () => load(withFlow({ kind: 'tcp', delayedAckTimeout: '0ms' }))).expected, 'above 0');
  issueAt('traffic[0].minRto', () => load(withFlow({ kind: 'tcp', minRto: '0s' })));
  issueAt('traffic[0].mss', () => load(withFlow({ kind: 'tcp', mss: '27B' })));
  issueAt('traffic[0].size', () => load(withFlow({ kind: 'tcp', size: '0B' })));
  issueAt('traffic[0].timeout', () => load(withFlow({ kind: 'request', requestRate: 1, timeout: '0s' })));
  issueAt('traffic[0].responseSize', () => load(withFlow({ kind: 'request', requestRate: 1, responseSize: '0B' })));
});

bad('maxRto below minRto: the field the file wrote is blamed', () => {
  assert.match(issueAt('traffic[0].maxRto', () => load(withFlow({ kind: 'tcp', minRto: '1s', maxRto: '500ms' }))).expected, 'at least minRto (1s)');
  assert.match(issueAt('traffic[0].minRto', () => load(withFlow({ kind: 'tcp', minRto: '2min' }))).expected, 'at most maxRto (60s by default)');
});

valid.run();
bad.run();
