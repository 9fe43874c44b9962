/**
 * Why an engine was not judged by some invariants (spec §10.7), in the words the human output of
 * `liqcheck check` and the JUnit report both print, read from the check report alone so that a
 * merged report says the same.
 * @see docs/spec.md#107-promises
 */
import { CATALOG } from '../invariants/catalog.ts';
import type { CatalogReport } from '../runner/runCatalog.ts';
import { agreesWithReference } from './agreesWithReference.ts';

type NotJudged = NonNullable<CatalogReport['notJudged']>[number];

const TITLES: ReadonlyMap<string, string> = new Map([...CATALOG, agreesWithReference()].map((i) => [i.id, i.title]));

/** `LIQ-004 minimal close size`: an id with its title, when the catalog knows it. */
export function titled(id: string): string {
  const t = TITLES.get(id);
  return t === undefined ? id : `${id} ${t}`;
}

/** Why one invariant was not judged: `presumes minimal: policy full does not promise it`. */
export function whyNotJudged(n: NotJudged, policy: string): string {
  const them = n.missing.length === 1 ? 'it' : 'them';
  return `presumes ${n.missing.join(', ')}: policy ${policy} does not promise ${them}`;
}

/** Whether the report is of an engine whose policy the reference cannot run (REF-001 lacked `runnable`). */
export function unrunnable(r: CatalogReport): boolean {
  return (r.notJudged ?? []).some((n) => n.missing.includes('runnable'));
}

/**
 * The derivation's lines: a summary when the reference cannot run the policy, then one line per
 * invariant not judged (none when every selected invariant was judged).
 */
export function derivationLines(r: CatalogReport): string[] {
  const list = r.notJudged ?? [];
  if (list.length === 0) return [];
  const policy = r.engine.policy;
  const lines: string[] = [];
  if (unrunnable(r)) {
    const others = list.filter((n) => n.id !== 'REF-001');
    const ref = list.length > others.length;
    const count = `${others.length} invariant${others.length === 1 ? '' : 's'}`;
    lines.push(`the reference cannot run policy ${JSON.stringify(policy)}: ${ref ? `REF-001 and ${count}` : count} not judged (${list.map((n) => n.id).join(', ')})`);
  }
  for (const n of list) lines.push(`not judged: ${titled(n.id)} (${whyNotJudged(n, policy)})`);
  return lines;
}
