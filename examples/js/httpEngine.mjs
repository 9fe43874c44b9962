#!/usr/bin/env node
/**
 * The JavaScript example engine as an HTTP service (docs/protocol.md#http), on Node's http module.
 * Every protocol message is POSTed as JSON to one path; the reply is the response body.
 *
 *     node examples/js/httpEngine.mjs [--port 8080] [--host 127.0.0.1] [--bug NAME] [--behavior B]
 *     liqcheck check --impl http://127.0.0.1:8080/liquidate
 *
 * `--behavior` makes it misbehave, for the adapter's tests: `hang` (never answers a liquidate),
 * `garbage` (200 with a body that is not JSON), `status-500`, `wrong-id`, `no-batch` (no batch
 * support). In-process: `const { url, close } = await startHttpEngine({ port: 0 })`.
 */
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { answer, parseBugs } from './engine.mjs';

const MAX_BODY = 64 * 1024 * 1024;
export const BATCH = 64;
export const BEHAVIORS = ['ok', 'hang', 'garbage', 'status-500', 'wrong-id', 'no-batch'];

/**
 * Starts the service.
 *
 * @param {{ host?: string, port?: number, path?: string, bugs?: Set<string>, behavior?: string }} [o]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startHttpEngine(o = {}) {
  const { host = '127.0.0.1', port = 0, path = '/liquidate', bugs = new Set(), behavior = 'ok' } = o;
  if (!BEHAVIORS.includes(behavior)) throw new Error(`unknown behavior ${behavior}; known: ${BEHAVIORS.join(', ')}`);
  const engineName = `liqcheck-js-example-http${bugs.size > 0 ? `+${[...bugs].sort().join('+')}` : ''}`;
  const hung = new Set();

  const reply = (message) => {
    if (message?.type === 'hello') {
      const hello = answer(message, bugs, engineName);
      return behavior === 'no-batch' || hello.type !== 'hello_ok' ? hello : { ...hello, batch: BATCH };
    }
    const one = (m) => {
      const r = answer(m, bugs, engineName);
      return behavior === 'wrong-id' && r.id != null ? { ...r, id: r.id + 1000000 } : r;
    };
    if (message?.type === 'batch' && behavior !== 'no-batch' && Array.isArray(message.requests)) {
      return { type: 'batch_result', replies: message.requests.map(one) };
    }
    return one(message);
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`POST protocol messages to ${path}\n`);
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      let message;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', id: null, error: { code: 'bad-request', message: `not JSON: ${e.message}` } }));
        return;
      }
      if (message?.type !== 'hello') {
        if (behavior === 'hang') {
          hung.add(res);
          return;
        }
        if (behavior === 'garbage') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('<html>oops</html>');
        if (behavior === 'status-500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal server error');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply(message)));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address();
  return {
    url: `http://${host}:${bound}${path}`,
    close: () =>
      new Promise((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const args = process.argv.slice(2);
  const take = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  try {
    const port = Number(take('--port', '8080'));
    const host = take('--host', '127.0.0.1');
    const behavior = take('--behavior', 'ok');
    const bugs = parseBugs(args, process.env.LIQENGINE_BUG ?? '');
    const { url, close } = await startHttpEngine({ host, port, bugs, behavior });
    process.stderr.write(`httpEngine.mjs: listening on ${url}\n`);
    process.stdout.write(`${url}\n`);
    const stop = () => void close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    process.stderr.write(`httpEngine.mjs: ${e.message}\n`);
    process.exit(2);
  }
}
