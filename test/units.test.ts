import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DURATION, formatDuration, parseDistance, parseDuration, parsePercent, parseRate, parseSize, RATE, SIZE_OR_DURATION_PATTERN } from '../sim/scenario/units';

const rates = suite('units: rates');

rates('every unit, to bit/s', () => {
  assert.is(parseRate('64bps'), 64);
  assert.is(parseRate('64kbps'), 64e3);
  assert.is(parseRate('10Mbps'), 10e6);
  assert.is(parseRate('1Gbps'), 1e9);
  assert.is(parseRate('1Tbps'), 1e12);
});

rates('decimals are exact, and a leading dot is allowed', () => {
  assert.is(parseRate('1.1Gbps'), 1_100_000_000);
  assert.is(parseRate('1.5Gbps'), 1.5e9);
  assert.is(parseRate('.5Mbps'), 500_000);
});

rates('negative and zero rates parse, for the range check to reject', () => {
  assert.is(parseRate('-1Gbps'), -1e9);
  assert.is(parseRate('0Gbps'), 0);
});

rates('bad strings are undefined', () => {
  for (const bad of ['1Gbs', '1 Gbps', '1gbps', '1GBPS', 'Gbps', '1', '1e9bps', '1.Gbps', '', ' 1Gbps', '1Gbps ', '1,5Gbps']) {
    assert.is(parseRate(bad), undefined, bad);
  }
});

const durations = suite('units: durations');

durations('every unit, to whole ns', () => {
  assert.is(parseDuration('7ns'), 7);
  assert.is(parseDuration('5us'), 5_000);
  assert.is(parseDuration('5µs'), 5_000); // micro sign
  assert.is(parseDuration('5μs'), 5_000); // Greek mu
  assert.is(parseDuration('2ms'), 2_000_000);
  assert.is(parseDuration('60s'), 60e9);
  assert.is(parseDuration('2min'), 120e9);
  assert.is(parseDuration('4h'), 4 * 3600e9);
  assert.is(parseDuration('1d'), 86_400e9);
});

durations('rounded to the nearest ns', () => {
  assert.is(parseDuration('1.4ns'), 1);
  assert.is(parseDuration('1.6ns'), 2);
  assert.is(parseDuration('0.3s'), 300_000_000);
  assert.is(parseDuration('.5ms'), 500_000);
  assert.is(parseDuration('1.0000000001s'), 1_000_000_000);
  assert.ok(Number.isInteger(parseDuration('0.1min')));
});

durations('bad strings are undefined', () => {
  for (const bad of ['10', '10 ms', '10sec', '10S', '1m', 'ms', '1e3ms', '--1s']) assert.is(parseDuration(bad), undefined, bad);
});

durations('formatted back in the largest unit that keeps the number whole', () => {
  assert.is(formatDuration(60e9), '60s');
  assert.is(formatDuration(3600e9), '3600s');
  assert.is(formatDuration(300e6), '300ms');
  assert.is(formatDuration(1_500_000_000), '1500ms');
  assert.is(formatDuration(5_000), '5us');
  assert.is(formatDuration(7), '7ns');
  assert.is(formatDuration(0), '0s');
  for (const ns of [60e9, 300e6, 5_000, 7, 123_456_789]) assert.is(parseDuration(formatDuration(ns)), ns);
});

const others = suite('units: sizes, distances, percentages');

others('sizes: decimal and binary multiples, whole bytes', () => {
  assert.is(parseSize('1500B'), 1500);
  assert.is(parseSize('256KB'), 256_000);
  assert.is(parseSize('1MB'), 1e6);
  assert.is(parseSize('1GB'), 1e9);
  assert.is(parseSize('1KiB'), 1024);
  assert.is(parseSize('1MiB'), 1024 ** 2);
  assert.is(parseSize('1GiB'), 1024 ** 3);
  assert.is(parseSize('1.5KiB'), 1536);
  assert.is(parseSize('0.5B'), 1);
  for (const bad of ['1500', '1500b', '1kB', '1 KB', '1KIB', '1Kib']) assert.is(parseSize(bad), undefined, bad);
});

others('distances, to metres', () => {
  assert.is(parseDistance('20km'), 20_000);
  assert.is(parseDistance('350m'), 350);
  assert.is(parseDistance('0.5km'), 500);
  for (const bad of ['20', '20 km', '20Km', '20mi', '20M']) assert.is(parseDistance(bad), undefined, bad);
});

others('percentages, to fractions', () => {
  assert.is(parsePercent('0.1%'), 0.001);
  assert.is(parsePercent('0%'), 0);
  assert.is(parsePercent('100%'), 1);
  assert.is(parsePercent('150%'), 1.5);
  for (const bad of ['0.1', '0.1 %', '%', '1e-3%']) assert.is(parsePercent(bad), undefined, bad);
});

const patterns = suite('units: schema patterns');

patterns('a pattern accepts exactly what its parser parses', () => {
  const samples = ['1Gbps', '1Gbs', '-2ms', '.5s', '5µs', '1 s', '1500B', '10', 'x'];
  for (const [kind, parse] of [[RATE, parseRate], [DURATION, parseDuration]] as const) {
    const re = new RegExp(kind.pattern, 'u');
    for (const s of samples) assert.is(re.test(s), parse(s) !== undefined, `${kind.pattern} ${s}`);
  }
});

patterns('a queue is a size or a duration', () => {
  const re = new RegExp(SIZE_OR_DURATION_PATTERN, 'u');
  for (const good of ['256KB', '64KiB', '10ms', '1s', '1500B']) assert.ok(re.test(good), good);
  for (const bad of ['10', '10Mbps', '10 ms', '10km']) assert.not.ok(re.test(bad), bad);
});

rates.run();
durations.run();
others.run();
patterns.run();
