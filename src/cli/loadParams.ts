import { readFileSync } from 'node:fs';
import { parseParams } from '../model/parseScenario.ts';
import { deepFreeze } from '../model/frozen.ts';
import type { RiskParams } from '../model/types.ts';
import { UsageError } from './usageError.ts';

/** Reads and validates a risk-parameters JSON file; every problem becomes one UsageError. */
export function loadParams(file: string): RiskParams {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--params ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--params ${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = parseParams(json);
  if (!parsed.ok) {
    const lines = parsed.issues.map((i) => `  ${i.path}: expected ${i.expected}, received ${i.received}`);
    throw new UsageError(`--params ${file}: ${parsed.issues.length} problem(s)\n${lines.join('\n')}`);
  }
  return deepFreeze(json as RiskParams);
}
