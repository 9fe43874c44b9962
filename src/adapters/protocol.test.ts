import { describe, expect, it } from 'vitest';
import { usesParamsRef } from './features.ts';
import { LineSplitter, LineTooLong } from './lineSplitter.ts';
import { compatibleVersion, parseHelloOk, replyAnswer, stderrBlock } from './protocol.ts';
import { TailBuffer } from './tailBuffer.ts';

const hello = { type: 'hello_ok', name: 'e', version: '1', protocol: '1.0', policy: 'minimal-close', features: ['cross'] };

describe('parseHelloOk', () => {
  it('should accept a complete hello_ok and keep batch', () => {
    expect(parseHelloOk(hello)).toEqual({ ok: true, info: { name: 'e', version: '1', protocol: '1.0', policy: 'minimal-close', features: ['cross'] } });
    const r = parseHelloOk({ ...hello, batch: 32, extra: 'ignored' });
    expect(r.ok && r.info.batch).toBe(32);
  });

  it.each([
    [{ ...hello, name: '' }, /name/],
    [{ ...hello, features: 'cross' }, /features/],
    [{ ...hello, protocol: '2.0' }, /speaks 2\.0/],
    [{ ...hello, protocol: '1.7' }, /speaks 1\.7/],
    [{ ...hello, batch: 0 }, /batch/],
    [{ type: 'result' }, /hello_ok/],
    [{ type: 'error', id: null, error: { code: 'unsupported-protocol', message: 'speaks 3.0' } }, /refused the handshake: unsupported-protocol/],
    [[], /object/],
  ])('should refuse %j', (msg, why) => {
    const r = parseHelloOk(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });

  it('should name every field that does not fit hello_ok, with what it expects and what it received', () => {
    const r = parseHelloOk({ ...hello, name: '', features: ['cross', 3], protocol: 'one', batch: 0 });
    expect(r.ok ? [] : r.reason.replace(/^bad hello_ok: /, '').split('; ')).toEqual([
      'name: expected a non-empty string, received ""',
      'protocol: expected a protocol version MAJOR.MINOR such as "1.1", received "one"',
      'features[1]: expected a string, received number 3',
      'batch: expected a positive integer, received number 0',
    ]);
    // The version is judged only once it is one: a schema problem and the version are both named.
    const both = parseHelloOk({ ...hello, policy: 7, protocol: '2.0' });
    expect(both.ok ? '' : both.reason).toBe('bad hello_ok: policy: expected a non-empty string, received number 7; protocol: the engine speaks 2.0, this gate speaks 1.2 (same major, minor ≤ 2)');
  });

  it('should take a policy by name or inline, and name the field of an inline policy that does not parse', () => {
    // A name is kept as it is, known to the reference or not (the gate resolves it).
    expect(parseHelloOk({ ...hello, policy: 'house-rules' })).toMatchObject({ ok: true, info: { policy: 'house-rules' } });
    const full = { closeSize: { kind: 'full' } };
    expect(parseHelloOk({ ...hello, policy: full })).toMatchObject({ ok: true, info: { policy: full } });
    const portion = parseHelloOk({ ...hello, policy: { closeSize: { kind: 'fixed-portion', portion: '1.5', minimumNotional: '10' } } });
    expect(portion.ok ? '' : portion.reason).toBe('bad hello_ok: hello_ok.policy.closeSize.portion: expected a decimal with 0 < x ≤ 1, received "1.5"');
    const unknownKey = parseHelloOk({ ...hello, policy: { closeSize: { kind: 'full' }, speed: 'fast' } });
    expect(unknownKey.ok ? '' : unknownKey.reason).toBe('bad hello_ok: hello_ok.policy.speed: expected no such field, received "fast"');
    // The rest of the handshake is still checked beside an inline policy.
    const both = parseHelloOk({ ...hello, name: '', policy: { closeSize: { kind: 'nope' } } });
    expect(both.ok ? '' : both.reason).toMatch(/^bad hello_ok: name: expected a non-empty string, received ""; hello_ok\.policy\.closeSize: expected a close-size part/);
  });

  it('should keep protocol features (params-ref) apart from the scenario features', () => {
    const r = parseHelloOk({ ...hello, protocol: '1.1', features: ['cross', 'params-ref', 'future-thing'] });
    expect(r.ok && r.info.features).toEqual(['cross', 'future-thing']);
    expect(r.ok && r.info.protocolFeatures).toEqual(['params-ref']);
    expect(r.ok && usesParamsRef(r.info)).toBe(true);
    const old = parseHelloOk({ ...hello, protocol: '1.0', features: ['cross', 'params-ref'] });
    expect(old.ok && usesParamsRef(old.info)).toBe(false);
    const without = parseHelloOk({ ...hello, protocol: '1.1' });
    expect(without.ok && usesParamsRef(without.info)).toBe(false);
  });

  it('should speak the same major with an older or equal minor', () => {
    expect(['1.0', '1.1', '1.2'].map(compatibleVersion)).toEqual([true, true, true]);
    expect(['1.3', '0.9', '2.0', '1', 'x', '1.1.0'].map(compatibleVersion)).toEqual([false, false, false, false, false, false]);
  });
});

describe('replyAnswer', () => {
  it('should map results and definite errors to answers', () => {
    expect(replyAnswer({ type: 'result', id: 1, result: { status: 'healthy' } })).toEqual({ ok: true, answer: { ok: true, result: { status: 'healthy' } } });
    const issues = [{ path: 'a', expected: 'b', received: 'c' }];
    expect(replyAnswer({ type: 'error', error: { code: 'invalid-input', issues } })).toEqual({ ok: true, answer: { ok: false, error: { code: 'invalid-input', issues } } });
    expect(replyAnswer({ type: 'error', error: { code: 'limit-exceeded', message: 'm' } })).toEqual({ ok: true, answer: { ok: false, error: { code: 'limit-exceeded', message: 'm' } } });
    const internal = replyAnswer({ type: 'error', error: { code: 'internal', message: 'boom' } });
    expect(internal.ok && !internal.answer.ok && internal.answer.error.code).toBe('crash');
  });

  it.each([
    { type: 'result', result: 'nope' },
    { type: 'result', result: [] },
    { type: 'error', error: 'x' },
    { type: 'error', error: { code: 'invalid-input', issues: [{ path: 1 }] } },
    { type: 'error', error: { code: 'oops' } },
    { type: 'error', id: 3, error: { code: 'bad-request', message: 'unknown paramsRef 1' } },
  ])('should call %j malformed', (msg) => {
    expect(replyAnswer(msg).ok).toBe(false);
  });
});

describe('replyAnswer reasons', () => {
  it.each([
    [{ type: 'result', result: [] }, 'result: expected an object (a LiquidationResult), received '],
    [{ type: 'error', error: 'x' }, 'error: expected an object {code, message}, received "x"'],
    [{ type: 'error', error: { code: 'invalid-input', issues: [{ path: 1, expected: 'e', received: 'r' }] } }, 'error.issues[0].path: expected a string, received number 1'],
    [{ type: 'error', error: { code: 'invalid-input' } }, 'error.issues: expected '],
    [{ type: 'error', error: { code: 'oops' } }, 'error.code: expected a known error code (invalid-input, limit-exceeded, internal, bad-request, unsupported-protocol), received "oops"'],
    [{ type: 'error', error: { code: 'limit-exceeded', message: 3 } }, 'error.message: expected a string, received number 3'],
    [{ type: 'error', id: 4, error: { code: 'unsupported-protocol', message: 'm' } }, 'error.code: "unsupported-protocol" answers a handshake, not a request'],
  ])('should say where %j breaks the protocol', (msg, reason) => {
    const r = replyAnswer(msg);
    expect(r.ok ? '' : r.reason.slice(0, reason.length)).toBe(reason);
  });

  it('should accept a limit-exceeded error without a message, as before', () => {
    expect(replyAnswer({ type: 'error', error: { code: 'limit-exceeded' } })).toEqual({ ok: true, answer: { ok: false, error: { code: 'limit-exceeded', message: '' } } });
  });
});

describe('LineSplitter', () => {
  it('should split across chunks, drop \\r and keep the partial line', () => {
    const s = new LineSplitter(100);
    expect(s.push('{"a":1}\r\n{"b"')).toEqual(['{"a":1}']);
    expect(s.partial()).toBe('{"b"');
    expect(s.push(':2}\n\n')).toEqual(['{"b":2}', '']);
    expect(s.partial()).toBe('');
  });

  it('should refuse a line over the limit, with or without its newline', () => {
    expect(() => new LineSplitter(10).push(`${'x'.repeat(11)}\n`)).toThrow(LineTooLong);
    const s = new LineSplitter(10);
    s.push('x'.repeat(6));
    expect(() => s.push('x'.repeat(6))).toThrow(LineTooLong);
  });
});

describe('TailBuffer', () => {
  it('should keep only the last characters, from a line start when one is near', () => {
    const t = new TailBuffer(50);
    for (let i = 0; i < 1000; i++) t.push(`line ${i}\n`);
    const text = t.text();
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.endsWith('line 999\n')).toBe(true);
    expect(stderrBlock(text, 2)).toBe('\nstderr (last 2 lines):\n  line 998\n  line 999');
    expect(stderrBlock('  \n')).toBe('');
  });
});
