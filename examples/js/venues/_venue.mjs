/**
 * What the JavaScript venue modules share (not a venue: the dispatcher skips `_` files): the
 * profile's policy, read from its shipped file; reading the scenario fields a policy adds —
 * `policy` (docs/spec.md §10.1), `book` (§10.4, policyModel.mjs's reader), `requests` (§10.3) — and
 * telling whether the stamped policy is the venue's own. Written from the spec, on model.mjs's
 * Reader; nothing here imports liqcheck.
 */
import { readFileSync } from 'node:fs';
import { Fx } from '../fixed.mjs';
import { parseScenario, Reader } from '../model.mjs';
import { parseBooks } from '../policyModel.mjs';

/** The wire policy of the shipped profile `name` (profiles/<name>.json: the venue's contract with the gate). */
export function profilePolicy(name) {
  return JSON.parse(readFileSync(new URL(`../../../profiles/${name}.json`, import.meta.url), 'utf8')).policy;
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * §10.1: every part is optional and defaults to its first option, so a policy that writes a
 * default and one that omits it are the same rules. Only the parts' documented defaults are filled.
 */
const PART_DEFAULTS = {
  requirement: { kind: 'tiers', valuation: 'mark', lossBuffer: '0' },
  closeSize: { kind: 'minimal' },
  price: { kind: 'mark' },
  penalty: { kind: 'steps', cap: 'equity' },
  loss: { kind: 'insurance-then-socialized' },
  trigger: { kind: 'params' },
};

/** A value with decimal strings read as numbers (`"0.10"` = `"0.1"`), objects with sorted keys. */
function normal(v) {
  if (typeof v === 'string' && DECIMAL.test(v)) return `#${Fx.parse(v).toString()}`;
  if (Array.isArray(v)) return v.map(normal);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).filter((k) => !k.startsWith('x-')).sort().map((k) => [k, normal(v[k])]));
  return v;
}

function withDefaults(policy) {
  const out = {};
  for (const [part, dflt] of Object.entries(PART_DEFAULTS)) {
    const given = policy[part];
    out[part] = given === undefined ? dflt : given.kind === dflt.kind ? { ...dflt, ...given } : given;
  }
  for (const k of Object.keys(policy)) if (!(k in PART_DEFAULTS) && k !== 'name') out[k] = policy[k];
  return out;
}

/** Whether the wire policy `given` has the rules of `expected` (`name` is a label only, §10.1). */
export function samePolicy(expected, given) {
  if (!isObject(given)) return false;
  return JSON.stringify(normal(withDefaults(expected))) === JSON.stringify(normal(withDefaults(given)));
}

/**
 * Splits and validates a scenario sent to a venue engine: its `policy` must be the venue's
 * (`expected`), `book` is read only when `readsBook`, `requests` never (no venue module here reads
 * them). Returns `{ ok: true, sc, books }` (sc as model.mjs parses it) or `{ ok: false, error }`.
 */
export function readVenueScenario(scenario, expected, venue, { readsBook }) {
  const r = new Reader();
  let rest = scenario;
  let rawBook;
  if (isObject(scenario)) {
    const { policy, book, requests, ...others } = scenario;
    rest = others;
    if (!samePolicy(expected, policy)) r.fail('policy', `the ${venue} profile's policy (profiles/${venue}.json), the one this engine declares`, policy);
    if (requests !== undefined) r.fail('requests', 'no requests: the close size is not "requested" (§10.3)', requests);
    if (book !== undefined && !readsBook) r.fail('book', 'no order book: the price part is not "book" (§10.4)', book);
    else rawBook = book;
  }
  const parsed = parseScenario(rest);
  const books = rawBook === undefined ? new Map() : parseBooks(r, rawBook, parsed.value?.params.markets);
  const issues = [...r.issues, ...(parsed.issues ?? [])];
  if (parsed.value === undefined || issues.length > 0) return { ok: false, error: { code: 'invalid-input', issues } };
  return { ok: true, sc: parsed.value, books };
}
