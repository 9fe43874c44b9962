/**
 * `--shard i/n` (1 ≤ i ≤ n), or `--shard env/n` in a Kubernetes Indexed Job: the index from
 * `JOB_COMPLETION_INDEX` (0-based, so shard `JOB_COMPLETION_INDEX + 1`). The env form keeps one
 * command line for every pod of the Job; the count stays explicit, so a pod never guesses it.
 * @see docs/distributed.md
 */
export type ShardParse = { readonly ok: true; readonly index: number; readonly count: number } | { readonly ok: false; readonly message: string };

export const SHARD_ENV = 'JOB_COMPLETION_INDEX';

export function parseShard(raw: string, env: Readonly<Record<string, string | undefined>>): ShardParse {
  const m = /^(env|[1-9][0-9]*)\/([1-9][0-9]*)$/.exec(raw);
  if (m === null) return { ok: false, message: `--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/4) or env/n (the index from ${SHARD_ENV}), received ${JSON.stringify(raw)}` };
  const count = Number(m[2]);
  let index: number;
  if (m[1] === 'env') {
    const v = env[SHARD_ENV];
    if (v === undefined || !/^(0|[1-9][0-9]*)$/.test(v)) return { ok: false, message: `--shard env/${count}: ${SHARD_ENV} must be set to a 0-based index, received ${v === undefined ? 'nothing' : JSON.stringify(v)}` };
    index = Number(v) + 1;
  } else index = Number(m[1]);
  if (!Number.isSafeInteger(count) || count > 100_000) return { ok: false, message: `--shard: at most 100000 shards, received ${m[2]}` };
  if (index > count) return { ok: false, message: `--shard: index ${index} exceeds the count ${count}${m[1] === 'env' ? ` (${SHARD_ENV}=${env[SHARD_ENV]} is 0-based: at most ${count - 1})` : ''}` };
  return { ok: true, index, count };
}
