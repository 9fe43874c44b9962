/**
 * The one path by which liqcheck reads a JSON input file (params, reports, fixtures, manifests,
 * the failure database): a regular file of bounded size → strict UTF-8 → strict JSON.
 * @see docs/params.md#reading-input-files
 */
import { parseStrictJson } from './parseStrictJson.ts';
import { MAX_INPUT_BYTES, readRegularFile, type FileProblem } from './readRegularFile.ts';

export type { FileProblem } from './readRegularFile.ts';
export { MAX_INPUT_BYTES } from './readRegularFile.ts';

export type JsonFileRead =
  | { readonly ok: true; readonly value: unknown; readonly text: string; readonly bytes: Buffer }
  | { readonly ok: false; readonly problem: FileProblem; readonly text?: string };

export interface ReadJsonOptions {
  /** the size cap (default {@link MAX_INPUT_BYTES}) */
  readonly maxBytes?: number;
  /** the top of JSON paths in problems (default `$`) */
  readonly root?: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes `bytes` as UTF-8, refusing any invalid sequence (a lenient decoder would turn it into
 * U+FFFD and the file would be misread). The problem gives the line and column of the first bad byte.
 */
export function decodeUtf8(file: string, bytes: Uint8Array, root = '$'): { ok: true; text: string } | { ok: false; problem: FileProblem } {
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const column = Array.from(before.slice(lineStart)).length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    return { ok: false, problem: { file, path: root, expected: 'UTF-8 text', received: `the invalid byte 0x${byte} at byte offset ${bad} (line ${line}, column ${column})` } };
  }
}

/** The offset of the first byte that cannot continue valid UTF-8: the longest prefix a streaming decoder accepts. */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0; // a prefix of this length decodes
  let hi = bytes.length; // a prefix of this length does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/** Reads `file` as strict JSON; every refusal is one problem naming the file and a JSON path. Never throws. */
export function readJsonFile(file: string, options: ReadJsonOptions = {}): JsonFileRead {
  const root = options.root ?? '$';
  const read = readRegularFile(file, options.maxBytes ?? MAX_INPUT_BYTES);
  if (!read.ok) return { ok: false, problem: { ...read.problem, path: root } };
  const decoded = decodeUtf8(file, read.bytes, root);
  if (!decoded.ok) return decoded;
  const parsed = parseStrictJson(file, decoded.text, root);
  return parsed.ok ? { ok: true, value: parsed.value, text: decoded.text, bytes: read.bytes } : { ok: false, problem: parsed.problem, text: decoded.text };
}

/** `FILE: PATH: expected …, received …` */
export function formatFileProblem(p: FileProblem): string {
  return `${p.file}: ${p.path}: expected ${p.expected}, received ${p.received}`;
}

/**
 * {@link readJsonFile} for callers that report through an exception: throws an Error whose message
 * is {@link formatFileProblem}'s line.
 */
export function readJsonFileOrThrow(file: string, options: ReadJsonOptions = {}): unknown {
  const read = readJsonFile(file, options);
  if (!read.ok) throw new Error(formatFileProblem(read.problem));
  return read.value;
}
