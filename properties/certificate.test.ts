/**
 * Liquidation certificates (spec §14) on the default run's scenarios: every reference result has
 * a certificate the verifier accepts; a certificate with one witness changed is refused; a
 * malformed one is a `shape` failure at its path.
 *
 * Seed: `LIQCHECK_SEED` (properties/profile.ts), printed at start and on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED } from './profile.ts';
import { defaultRunScenarios } from '../src/arbitraries/defaultRun.ts';
import { certify } from '../src/certificate/certify.ts';
import { verifyCertificate } from '../src/certificate/verifyCertificate.ts';
import { liquidate } from '../src/model/liquidate.ts';
import type { Scenario } from '../src/model/types.ts';
import type { Certificate } from '../src/wire/certificate.ts';

/** At least 2,000 reference results (the brief's floor); ≈ 1 ms per case with certify and verify. */
const CASES = 2_000;
const MUTATION_CASES = 600;

/** A reference result and its certificate, or `undefined` when the reference refuses (limit-exceeded). */
function certified(sc: Scenario): { result: unknown; certificate: Certificate } | undefined {
  const o = liquidate(sc);
  if (!o.ok) return undefined;
  const c = certify(sc, o.result);
  if (c.kind !== 'certificate') throw new Error(`the default run left the certificate domain: ${c.reason} at ${c.path}`);
  return { result: o.result, certificate: c.certificate };
}

describe('certificates of reference results', () => {
  it(`the verifier accepts the certificate of every reference result (${CASES} default-run cases)`, () => {
    const tally = new Map<string, number>();
    const count = (key: string): void => void tally.set(key, (tally.get(key) ?? 0) + 1);
    fc.assert(
      fc.property(defaultRunScenarios(), (sc) => {
        const c = certified(sc);
        if (c === undefined) return void count('refused by the reference');
        count(`status ${(c.result as { status: string }).status}`);
        for (const g of c.certificate.groups) {
          for (const f of g.fills) {
            const kind = f.maxLots === undefined ? 'partial' : 'full';
            count(`${kind} fill, ${f.misses.length} misses`);
            if (kind === 'full') count(`full fill, run ${f.misses.length > 0 ? 'of rounding misses' : 'empty'}${f.left !== undefined && f.right !== undefined ? ' at a grid peak' : ''}`);
          }
        }
        const v = verifyCertificate(sc, c.result, c.certificate);
        expect(v, JSON.stringify(v)).toEqual({ ok: true });
        // rounding misses are rare (≈ 1 fill in 100): every mutation of theirs is tried here
        for (const m of mutations(c.certificate).filter((x) => x.what.includes('misses'))) {
          count('mutated miss refused');
          expect(verifyCertificate(sc, c.result, m.apply(c.certificate)).ok, `${m.what} was accepted`).toBe(false);
        }
      }),
      { seed: SEED, numRuns: CASES },
    );
    console.log(`certificate distribution (${CASES} cases, seed ${SEED}):\n${[...tally].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}`);
    // the run reached each kind of witness the verifier checks
    expect(tally.get('status partial') ?? 0).toBeGreaterThan(0);
    expect(tally.get('status bankrupt') ?? 0).toBeGreaterThan(0);
    expect([...tally.keys()].some((k) => /^partial fill, [1-9]/.test(k))).toBe(true);
    expect([...tally.keys()].some((k) => k.includes('grid peak'))).toBe(true);
    expect(tally.get('mutated miss refused') ?? 0).toBeGreaterThan(0);
  });
});

/** One witness changed so that it is certainly false (each witness of spec §14.3 is unique). */
interface Mutation {
  readonly what: string;
  readonly apply: (c: Certificate) => Certificate;
}

type Mutable = { -readonly [K in keyof Certificate]: unknown } & { groups: Record<string, unknown>[] };

const bump = (v: string, by: bigint): string => (BigInt(v) + by).toString();
const nudge = (n: number): number => (n > 0 ? n - 1 : n + 1);

/** Every single-witness mutation of `c` that no valid certificate of the same result can have. */
function mutations(c: Certificate): Mutation[] {
  const out: Mutation[] = [];
  const edit = (what: string, f: (m: Mutable) => void): void =>
    void out.push({
      what,
      apply: (x) => {
        const m = structuredClone(x) as unknown as Mutable;
        f(m);
        return m as unknown as Certificate;
      },
    });
  type G = { order: number[]; tiers: number[]; step?: number; fills: F[]; payout?: string };
  type F = { lots: string; ticks: string; tierAfter: number; from: string; misses: { tier: number; pnl: string; penalty: string }[]; left?: { tier: number; nextTier: number }; right?: { tier: number; nextTier: number }; maxLots?: string };
  const G = (m: Mutable, gi: number): G => m.groups[gi] as unknown as G;
  c.groups.forEach((g, gi) => {
    g.tiers.forEach((_, k) => edit(`groups[${gi}].tiers[${k}] ± 1`, (m) => void (G(m, gi).tiers[k] = nudge(G(m, gi).tiers[k]!))));
    if (g.order.length > 1) edit(`groups[${gi}].order swapped`, (m) => void G(m, gi).order.reverse());
    if (g.step !== undefined) edit(`groups[${gi}].step ± 1`, (m) => void (G(m, gi).step = nudge(G(m, gi).step!)));
    if (g.payout !== undefined) edit(`groups[${gi}].payout + 1`, (m) => void (G(m, gi).payout = bump(G(m, gi).payout!, 1n)));
    if (g.fills.length > 0) edit(`groups[${gi}] last fill dropped`, (m) => void G(m, gi).fills.pop());
    g.fills.forEach((f, fi) => {
      const F = (m: Mutable): F => G(m, gi).fills[fi]!;
      const at = `groups[${gi}].fills[${fi}]`;
      edit(`${at}.lots + 1`, (m) => void (F(m).lots = bump(F(m).lots, 1n)));
      edit(`${at}.ticks − 1`, (m) => void (F(m).ticks = bump(F(m).ticks, -1n)));
      edit(`${at}.tierAfter + 1`, (m) => void (F(m).tierAfter += 1));
      if (f.maxLots !== undefined) edit(`${at}.maxLots + 1`, (m) => void (F(m).maxLots = bump(F(m).maxLots!, 1n)));
      // a partial fill's run must end at j − 1, so its start is pinned
      else edit(`${at}.from + 1`, (m) => void (F(m).from = bump(F(m).from, 1n)));
      if (f.misses.length > 0) edit(`${at}.misses: the last dropped`, (m) => void F(m).misses.pop());
      f.misses.forEach((_, k) => {
        edit(`${at}.misses[${k}].pnl + 1`, (m) => void (F(m).misses[k]!.pnl = bump(F(m).misses[k]!.pnl, 1n)));
        edit(`${at}.misses[${k}].penalty − 1`, (m) => void (F(m).misses[k]!.penalty = bump(F(m).misses[k]!.penalty, -1n)));
        edit(`${at}.misses[${k}].tier ± 1`, (m) => void (F(m).misses[k]!.tier = nudge(F(m).misses[k]!.tier)));
      });
      for (const side of ['left', 'right'] as const) {
        if (f[side] === undefined) continue;
        edit(`${at}.${side}.tier ± 1`, (m) => void (F(m)[side]!.tier = nudge(F(m)[side]!.tier)));
        edit(`${at}.${side}.nextTier ± 1`, (m) => void (F(m)[side]!.nextTier = nudge(F(m)[side]!.nextTier)));
      }
    });
  });
  return out;
}

describe('mutated certificates of reference results', () => {
  it(`a certificate with one witness off by one unit, a miss dropped or the order swapped is refused (${MUTATION_CASES} cases)`, () => {
    const tried = new Map<string, number>();
    fc.assert(
      fc.property(defaultRunScenarios(), fc.nat(), (sc, pick) => {
        const c = certified(sc);
        if (c === undefined) return;
        // a kind of mutation first, then one of its sites: rare kinds (a miss's witness) get tried too
        const byKind = new Map<string, Mutation[]>();
        for (const x of mutations(c.certificate)) {
          const k = x.what.replace(/\[\d+\]/g, '[]');
          byKind.set(k, [...(byKind.get(k) ?? []), x]);
        }
        const kinds = [...byKind.keys()].sort();
        const kind = kinds[pick % kinds.length]!;
        const sites = byKind.get(kind)!;
        const m = sites[Math.floor(pick / kinds.length) % sites.length]!;
        tried.set(kind, (tried.get(kind) ?? 0) + 1);
        const v = verifyCertificate(sc, c.result, m.apply(c.certificate));
        expect(v.ok, `${m.what} was accepted`).toBe(false);
      }),
      { seed: SEED, numRuns: MUTATION_CASES },
    );
    console.log(`mutations tried (seed ${SEED}):\n${[...tried].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}`);
    expect(tried.size).toBeGreaterThan(8);
  });

  it('a malformed certificate is a shape failure whose path names the field', () => {
    fc.assert(
      fc.property(defaultRunScenarios(), fc.constantFrom('drop-format', 'unknown-key', 'lots-decimal', 'tier-negative', 'groups-object'), (sc, how) => {
        const c = certified(sc);
        if (c === undefined) return;
        const m = structuredClone(c.certificate) as unknown as Record<string, unknown> & { groups: { tiers: number[]; fills: { lots: string }[] }[] };
        let path: string;
        if (how === 'drop-format') {
          delete m['format'];
          path = 'certificate.format';
        } else if (how === 'unknown-key') {
          (m.groups[0] as unknown as Record<string, unknown>)['misses'] = [];
          path = 'certificate.groups[0].misses';
        } else if (how === 'groups-object') {
          (m as Record<string, unknown>)['groups'] = {};
          path = 'certificate.groups';
        } else if (how === 'tier-negative' && m.groups[0]!.tiers.length > 0) {
          m.groups[0]!.tiers[0] = -1;
          path = 'certificate.groups[0].tiers[0]';
        } else {
          const gi = m.groups.findIndex((g) => g.fills.length > 0);
          if (gi < 0) return;
          m.groups[gi]!.fills[0]!.lots = '1.0';
          path = `certificate.groups[${gi}].fills[0].lots`;
        }
        const v = verifyCertificate(sc, c.result, m);
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.failures).toContainEqual(expect.objectContaining({ claim: 'shape', path }));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('hostile results', () => {
  it('certify and verify never throw on a result with one field replaced, and the verifier refuses the change', () => {
    const values = ['0', '-1', '1', '0.000000000000000000001', '123456789012345678901234567890', '-0.5', 'x', 1, null, [], {}];
    fc.assert(
      fc.property(defaultRunScenarios(), fc.nat(), fc.constantFrom(...values), (sc, pick, value) => {
        const o = liquidate(sc);
        if (!o.ok) return;
        const result = structuredClone(o.result) as unknown as Record<string, unknown>;
        // every leaf of the result, by path
        const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) node.forEach((v, i) => (typeof v === 'object' && v !== null ? walk(v) : leaves.push({ parent: node, key: i })));
          else if (typeof node === 'object' && node !== null) for (const [k, v] of Object.entries(node)) typeof v === 'object' && v !== null ? walk(v) : leaves.push({ parent: node as Record<string, unknown>, key: k });
        };
        walk(result);
        const leaf = leaves[pick % leaves.length]!;
        const before = (leaf.parent as Record<string | number, unknown>)[leaf.key];
        (leaf.parent as Record<string | number, unknown>)[leaf.key] = value;
        const c = certify(sc, result);
        const right = certify(sc, o.result);
        const certificate = c.kind === 'certificate' ? c.certificate : right.kind === 'certificate' ? right.certificate : null;
        const v = verifyCertificate(sc, result, certificate);
        // a replaced value equal to the old one (or a marginRatio "0" that was "0") changes nothing
        if (JSON.stringify(before) === JSON.stringify(value)) return;
        expect(v.ok, `${String(leaf.key)}: ${JSON.stringify(before)} → ${JSON.stringify(value)} accepted`).toBe(false);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
});
