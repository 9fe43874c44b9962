#!/usr/bin/env node
/**
 * A liqcheck engine (protocol 1.1 on stdin/stdout, docs/protocol.md) for a policy other than
 * minimal-close, declared inline in `hello_ok.policy`:
 *
 *   node examples/js/policyEngine.mjs --policy step-down          # close size step-down, at mark
 *   node examples/js/policyEngine.mjs --policy book               # full close into the order book, rest left open
 *   node examples/js/policyEngine.mjs --policy book-bankruptcy    # the same, the rest at the bankruptcy price
 *   node examples/js/policyEngine.mjs --policy book --bug ignores-depth   # a deliberately wrong variant
 *
 * The arithmetic is policyModel.mjs on model.mjs (BigInt fixed point); nothing here imports liqcheck.
 */
import { answerDeclaring, readArgs, serveLines } from './engine.mjs';
import { BUGS, liquidateUnder, POLICIES } from './policyModel.mjs';

const USAGE = 'usage: policyEngine.mjs --policy step-down|book|book-bankruptcy [--bug NAME]';

function parseArgs(argv) {
  const { values, bugs } = readArgs(argv, { values: ['--policy'] }, USAGE);
  const kind = values.get('--policy');
  if (!Object.hasOwn(POLICIES, kind ?? '')) throw new Error(`--policy must be step-down, book or book-bankruptcy, received ${JSON.stringify(kind)} (${USAGE})`);
  const unknown = [...bugs].filter((b) => !Object.hasOwn(BUGS, b));
  if (unknown.length > 0) throw new Error(`unknown bug ${unknown.join(', ')}; known: ${Object.keys(BUGS).join(', ')}`);
  return { policy: POLICIES[kind], bugs };
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`policyEngine.mjs: ${e.message}\n`);
  process.exit(2);
}
if (options.bugs.size > 0) process.stderr.write(`policyEngine.mjs: running with bug(s) ${[...options.bugs].join(', ')}\n`);
const { policy, bugs } = options;
const declared = {
  name: `liqcheck-js-${policy.name}${bugs.size > 0 ? `+${[...bugs].sort().join('+')}` : ''}`,
  policy,
  liquidate: (scenario) => liquidateUnder(scenario, policy, bugs),
  who: 'policyEngine.mjs',
};
const session = new Map();
serveLines((message) => answerDeclaring(message, declared, session));
