import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPath, parseStrictJson } from './parseStrictJson.ts';
import { decodeUtf8, MAX_INPUT_BYTES, readJsonFile } from './readJsonFile.ts';

const tmp = mkdtempSync(join(tmpdir(), 'liqcheck-readjson-'));
const write = (name: string, content: string | Buffer): string => {
  const file = join(tmp, name);
  writeFileSync(file, content);
  return file;
};
const problemOf = (text: string, root = '$') => {
  const r = parseStrictJson('f.json', text, root);
  if (r.ok) throw new Error(`accepted ${text}`);
  return r.problem;
};

describe('readJsonFile', () => {
  it('reads a regular UTF-8 JSON file: the value, the text and the bytes', () => {
    const file = write('ok.json', '{"a": ["é", 1]}\n');
    const r = readJsonFile(file);
    expect(r).toMatchObject({ ok: true, value: { a: ['é', 1] }, text: '{"a": ["é", 1]}\n' });
    if (r.ok) expect(r.bytes.length).toBe(Buffer.byteLength(r.text));
  });

  it('refuses a FIFO without blocking, a character device, a directory and a missing file', () => {
    const fifo = join(tmp, 'fifo');
    spawnSync('mkfifo', [fifo]);
    expect(readJsonFile(fifo)).toMatchObject({ ok: false, problem: { file: fifo, path: '$', expected: 'a regular file', received: 'a FIFO (named pipe)' } });
    expect(readJsonFile('/dev/zero')).toMatchObject({ ok: false, problem: { expected: 'a regular file', received: 'a character device' } });
    expect(readJsonFile(tmp)).toMatchObject({ ok: false, problem: { received: 'a directory' } });
    expect(readJsonFile(join(tmp, 'none.json'))).toMatchObject({ ok: false, problem: { expected: 'a readable file', received: 'an error (ENOENT: no such file)' } });
  });

  it(`caps the size at ${MAX_INPUT_BYTES} bytes (16 MiB), and at maxBytes when given`, () => {
    const file = write('big.json', '{}');
    const fd = openSync(file, 'r+');
    ftruncateSync(fd, MAX_INPUT_BYTES + 1);
    closeSync(fd);
    expect(readJsonFile(file)).toMatchObject({ ok: false, problem: { expected: 'a file of at most 16 MiB (the input size limit)', received: `${MAX_INPUT_BYTES + 1} bytes` } });
    expect(readJsonFile(write('small.json', '[1, 2, 3]'), { maxBytes: 8 })).toMatchObject({ ok: false, problem: { received: '9 bytes' } });
  });

  it('refuses invalid UTF-8 anywhere, with the byte, its offset, line and column', () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "a": "é'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n}')]);
    expect(readJsonFile(write('bad.json', bytes), { root: 'params' })).toMatchObject({
      ok: false,
      problem: { path: 'params', expected: 'UTF-8 text', received: 'the invalid byte 0xff at byte offset 12 (line 2, column 10)' },
    });
    // a truncated multi-byte sequence at the very end, and a lone surrogate encoded as UTF-8
    expect(decodeUtf8('f', Buffer.from([0x22, 0xc3]))).toMatchObject({ ok: false, problem: { received: expect.stringContaining('offset 1') as string } });
    expect(decodeUtf8('f', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).toMatchObject({ ok: false, problem: { received: expect.stringContaining('0xa0 at byte offset 2') as string } });
  });
});

describe('parseStrictJson', () => {
  it('refuses duplicate keys, escaped or not, with the JSON path and both positions', () => {
    expect(problemOf('{"markets": {"BTC-PERP": {"lotSize": "1",\n "lotSize": "2"}}}')).toEqual({
      file: 'f.json',
      path: '$.markets["BTC-PERP"].lotSize',
      expected: 'each key at most once in an object',
      received: '"lotSize" twice, at line 1, column 27 and at line 2, column 2',
    });
    expect(problemOf('[{"a": 1}, {"a": 1, "\\u0061": 2}]').path).toBe('$[1].a');
    // the same key in two different objects is fine
    expect(parseStrictJson('f', '{"a": {"x": 1}, "b": {"x": 1}}')).toEqual({ ok: true, value: { a: { x: 1 }, b: { x: 1 } } });
  });

  it('refuses __proto__ (escaped too) and constructor.prototype keys, at their path', () => {
    expect(problemOf('{"a": {"__proto__": {"polluted": true}}}')).toMatchObject({ path: '$.a.__proto__', received: '"__proto__" at line 1, column 8' });
    expect(problemOf('{"\\u005f_proto__": {}}').path).toBe('$.__proto__');
    expect(problemOf('{"constructor": {"prototype": {"x": 1}}}', 'params')).toMatchObject({ path: 'params.constructor.prototype', expected: expect.stringContaining('no __proto__ or constructor.prototype key') as string });
    // a key named constructor alone is not poisoning (market ids are judged by the params validator)
    expect(parseStrictJson('f', '{"constructor": {"lotSize": "1"}}').ok).toBe(true);
  });

  it('refuses comments, trailing commas, empty text and two values, with line and column', () => {
    expect(problemOf('{"a": 1,\n}').received).toBe('a syntax error at line 2, column 1 (PropertyNameExpected)');
    expect(problemOf('{"a": 1} // note').received).toMatch(/^a syntax error at line 1, column 10 \(InvalidCommentToken\)/);
    expect(problemOf('').received).toMatch(/ValueExpected/);
    expect(problemOf('{} {}').received).toMatch(/EndOfFileExpected/);
    expect(problemOf('{"a": "cut').received).toMatch(/; the file looks truncated$/);
  });

  it('accepts a byte-order mark before the JSON', () => {
    expect(parseStrictJson('f', '\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('reports nesting too deep to check instead of overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(problemOf(deep).expected).toBe('JSON nested to a reasonable depth');
  });
});

describe('jsonPath', () => {
  it('writes identifiers after a dot, other keys quoted, indices bare', () => {
    expect(jsonPath('$', ['markets', 'BTC-PERP', 'tiers', 1, 'maintenanceAmount'])).toBe('$.markets["BTC-PERP"].tiers[1].maintenanceAmount');
    expect(jsonPath('params', [])).toBe('params');
  });
});
