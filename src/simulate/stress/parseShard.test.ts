import { describe, expect, it } from 'vitest';
import { parseShard } from './parseShard.ts';

describe('parseShard', () => {
  it('reads i/n, and env/n as JOB_COMPLETION_INDEX + 1', () => {
    expect(parseShard('2/4', {})).toEqual({ ok: true, index: 2, count: 4 });
    expect(parseShard('env/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ ok: true, index: 1, count: 4 });
    expect(parseShard('env/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ ok: true, index: 4, count: 4 });
  });

  it('refuses what is no shard, with the reason', () => {
    const message = (raw: string, env = {}) => {
      const r = parseShard(raw, env);
      return r.ok ? 'ok' : r.message;
    };
    expect(message('0/3')).toMatch(/expected i\/n/);
    expect(message('4/3')).toMatch(/index 4 exceeds the count 3/);
    expect(message('env/4')).toMatch(/JOB_COMPLETION_INDEX must be set.*received nothing/);
    expect(message('env/4', { JOB_COMPLETION_INDEX: '4' })).toMatch(/0-based: at most 3/);
    expect(message('env/4', { JOB_COMPLETION_INDEX: '-1' })).toMatch(/received "-1"/);
  });
});
