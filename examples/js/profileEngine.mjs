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
import { answerDeclaring, readArgs, serveLines } from './engine.mjs';

const USAGE = 'usage: profileEngine.mjs --profile NAME [--bug NAME] | --profile NAME --list-bugs';
const VENUES = readdirSync(new URL('./venues/', import.meta.url)).filter((f) => f.endsWith('.mjs') && !f.startsWith('_')).map((f) => f.slice(0, -'.mjs'.length)).sort();

async function parseArgs(argv) {
  const args = readArgs(argv, { values: ['--profile'], flags: ['--list-bugs'] }, USAGE);
  const profile = args.values.get('--profile');
  const listBugs = args.flags.has('--list-bugs');
  const { bugs } = args;
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

let options;
try {
  options = await parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`profileEngine.mjs: ${e.message}\n`);
  process.exit(2);
}
if (options.bugs.size > 0) process.stderr.write(`profileEngine.mjs: running with bug(s) ${[...options.bugs].join(', ')}\n`);
const { profile, venue, bugs } = options;
const declared = {
  name: `liqcheck-js-${profile}${bugs.size > 0 ? `+${[...bugs].sort().join('+')}` : ''}`,
  policy: profile,
  liquidate: (scenario) => venue.liquidate(scenario, bugs),
  who: 'profileEngine.mjs',
};
const session = new Map();
serveLines((message) => answerDeclaring(message, declared, session));
