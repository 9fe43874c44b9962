#!/usr/bin/env node
/**
 * A liqcheck engine (protocol 1.1 on stdin/stdout, docs/protocol.md) for a venue profile
 * (docs/profiles/): the handshake names the profile (`hello_ok.policy` is its name), and the gate
 * sends the profile's policy and params in every scenario.
 *
 *   node examples/js/profileEngine.mjs --profile dydx-v4
 *   node examples/js/profileEngine.mjs --profile dydx-v4 --bug NAME     # a wrong variant
 *   node examples/js/profileEngine.mjs --profile dydx-v4 --list-bugs    # its wrong variants, as JSON
 *
 * Each venue is its own module, venues/<profile>.mjs, written from the venue's rules (its
 * docs/profiles page) on model.mjs's BigInt fixed point, not from liqcheck's code. A venue module
 * exports `bugs` (bug name → what is wrong and where the venue saw it) and
 * `liquidate(scenario, bugs)` → `{ ok: true, result } | { ok: false, error }`.
 */
import { readdirSync } from 'node:fs';
import { FEATURES, PARAMS_REF, serveLines, spokenVersion } from './engine.mjs';

const USAGE = 'usage: profileEngine.mjs --profile NAME [--bug NAME] | --profile NAME --list-bugs';
const VENUES = readdirSync(new URL('./venues/', import.meta.url)).filter((f) => f.endsWith('.mjs') && !f.startsWith('_')).map((f) => f.slice(0, -'.mjs'.length)).sort();

async function parseArgs(argv) {
  let profile;
  let listBugs = false;
  const bugs = new Set();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--profile' || a === '--bug') && i + 1 >= argv.length) throw new Error(`${a} needs a value (${USAGE})`);
    if (a === '--profile') profile = argv[++i];
    else if (a === '--bug') for (const b of argv[++i].split(',').filter(Boolean)) bugs.add(b);
    else if (a === '--list-bugs') listBugs = true;
    else throw new Error(`unknown argument ${JSON.stringify(a)} (${USAGE})`);
  }
  if (!VENUES.includes(profile ?? '')) throw new Error(`--profile must be one of ${VENUES.join(', ')}, received ${JSON.stringify(profile)} (${USAGE})`);
  const venue = await import(`./venues/${profile}.mjs`);
  if (listBugs) {
    process.stdout.write(`${JSON.stringify(venue.bugs, Object.keys(venue.bugs).sort(), 2)}\n`);
    process.exit(0);
  }
  const unknown = [...bugs].filter((b) => !Object.hasOwn(venue.bugs, b));
  if (unknown.length > 0) throw new Error(`unknown bug ${unknown.join(', ')} for ${profile}; known: ${Object.keys(venue.bugs).join(', ')}`);
  return { profile, venue, bugs };
}

const badRequest = (id, message) => ({ type: 'error', id, error: { code: 'bad-request', message } });

function answer(message, { profile, venue, bugs }, session) {
  const type = message !== null && typeof message === 'object' ? message.type : undefined;
  if (type === 'hello') {
    const spoken = spokenVersion(String(message.protocol ?? ''));
    if (spoken === null) return { type: 'error', id: null, error: { code: 'unsupported-protocol', message: 'this engine speaks 1.1' } };
    const name = `liqcheck-js-${profile}${bugs.size > 0 ? `+${[...bugs].sort().join('+')}` : ''}`;
    const features = spoken !== '1.0' ? [...FEATURES, PARAMS_REF] : FEATURES;
    return { type: 'hello_ok', name, version: '1.0.0', protocol: spoken, policy: profile, features, spec: '1.0.0' };
  }
  if (type === 'params') {
    const { paramsId } = message;
    if (!(Number.isSafeInteger(paramsId) && paramsId > 0)) return badRequest(null, `params: paramsId must be a positive integer, received ${JSON.stringify(paramsId)}`);
    session.set(paramsId, message.params);
    return null;
  }
  if (type === 'liquidate') {
    const { id } = message;
    let scenario = message.scenario;
    if (Object.hasOwn(message, 'paramsRef')) {
      if (!session.has(message.paramsRef)) return badRequest(id, `unknown paramsRef ${JSON.stringify(message.paramsRef)}`);
      if (scenario !== null && typeof scenario === 'object' && !Array.isArray(scenario)) {
        if (Object.hasOwn(scenario, 'params')) return badRequest(id, 'a request with paramsRef must not carry params');
        scenario = { params: session.get(message.paramsRef), ...scenario };
      }
    }
    try {
      const o = venue.liquidate(scenario, bugs);
      return o.ok ? { type: 'result', id, result: o.result } : { type: 'error', id, error: o.error };
    } catch (e) {
      process.stderr.write(`profileEngine.mjs: request ${id}: ${e instanceof Error ? e.stack : String(e)}\n`);
      return { type: 'error', id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { type: 'error', id: null, error: { code: 'bad-request', message: `unknown message type ${JSON.stringify(type)}` } };
}

let options;
try {
  options = await parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`profileEngine.mjs: ${e.message}\n`);
  process.exit(2);
}
if (options.bugs.size > 0) process.stderr.write(`profileEngine.mjs: running with bug(s) ${[...options.bugs].join(', ')}\n`);
const session = new Map();
serveLines((message) => answer(message, options, session));
