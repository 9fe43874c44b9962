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
import { FEATURES, PARAMS_REF, serveLines, spokenVersion } from './engine.mjs';
import { BUGS, liquidateUnder, POLICIES } from './policyModel.mjs';

const USAGE = 'usage: policyEngine.mjs --policy step-down|book|book-bankruptcy [--bug NAME]';

function parseArgs(argv) {
  let kind;
  const bugs = new Set();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === '--policy' || a === '--bug') && i + 1 >= argv.length) throw new Error(`${a} needs a value (${USAGE})`);
    if (a === '--policy') kind = argv[++i];
    else if (a === '--bug') for (const b of argv[++i].split(',').filter(Boolean)) bugs.add(b);
    else throw new Error(`unknown argument ${JSON.stringify(a)} (${USAGE})`);
  }
  if (!Object.hasOwn(POLICIES, kind ?? '')) throw new Error(`--policy must be step-down, book or book-bankruptcy, received ${JSON.stringify(kind)} (${USAGE})`);
  const unknown = [...bugs].filter((b) => !Object.hasOwn(BUGS, b));
  if (unknown.length > 0) throw new Error(`unknown bug ${unknown.join(', ')}; known: ${Object.keys(BUGS).join(', ')}`);
  return { policy: POLICIES[kind], bugs };
}

const badRequest = (id, message) => ({ type: 'error', id, error: { code: 'bad-request', message } });

function answer(message, policy, bugs, session) {
  const type = message !== null && typeof message === 'object' ? message.type : undefined;
  if (type === 'hello') {
    const spoken = spokenVersion(String(message.protocol ?? ''));
    if (spoken === null) return { type: 'error', id: null, error: { code: 'unsupported-protocol', message: 'this engine speaks 1.1' } };
    const name = `liqcheck-js-${policy.name}${bugs.size > 0 ? `+${[...bugs].sort().join('+')}` : ''}`;
    const features = spoken !== '1.0' ? [...FEATURES, PARAMS_REF] : FEATURES;
    return { type: 'hello_ok', name, version: '1.0.0', protocol: spoken, policy, features, spec: '1.0.0' };
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
      const o = liquidateUnder(scenario, policy, bugs);
      return o.ok ? { type: 'result', id, result: o.result } : { type: 'error', id, error: o.error };
    } catch (e) {
      process.stderr.write(`policyEngine.mjs: request ${id}: ${e instanceof Error ? e.stack : String(e)}\n`);
      return { type: 'error', id, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { type: 'error', id: null, error: { code: 'bad-request', message: `unknown message type ${JSON.stringify(type)}` } };
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`policyEngine.mjs: ${e.message}\n`);
  process.exit(2);
}
if (options.bugs.size > 0) process.stderr.write(`policyEngine.mjs: running with bug(s) ${[...options.bugs].join(', ')}\n`);
const session = new Map();
serveLines((message) => answer(message, options.policy, options.bugs, session));
