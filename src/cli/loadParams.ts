import { paramsFileMessage, readParamsFile } from '../params/readParamsFile.ts';
import { deepFreeze } from '../model/frozen.ts';
import type { RiskParams } from '../model/types.ts';
import { UsageError } from './usageError.ts';

/**
 * Reads and validates a risk-parameters JSON file for `--params`; a refused file is one UsageError
 * (exit 2) with the message `params check` gives for it.
 * @see docs/params.md#one-verdict-per-file
 */
export function loadParams(file: string): RiskParams {
  const read = readParamsFile(file);
  if (!read.ok) throw new UsageError(`--params ${paramsFileMessage(file, read.issues)}`);
  return deepFreeze(read.params);
}
