/**
 * `liqcheck profiles`: the venue profiles shipped in profiles/ — name, venue, policy parts, first
 * source — or, with `--json`, the same as a document (src/wire/profile.ts `ProfileList`).
 * @see docs/profiles/README.md
 */
import { formatIssues } from '../../params/readParamsFile.ts';
import { profileSummary } from '../../profiles/profileSummary.ts';
import { profileList, shippedProfiles } from '../../profiles/profiles.ts';
import { lendingProfileList, lendingProfileSummary, shippedLendingProfiles } from '../../lending/profiles/index.ts';
import type { ProfileList } from '../../wire/profile.ts';
import { helpFor, parseOptions, type OptionTable } from '../options.ts';
import { EXIT } from '../usageError.ts';
import type { Io } from './check.ts';

export const PROFILES_OPTIONS: OptionTable = {
  json: { type: 'boolean', help: 'print the list as JSON (fixtures/schema/profile-list-1.schema.json) instead' },
  help: { type: 'boolean', help: 'show this help' },
};

const SUMMARY = `Lists the venue profiles shipped with liqcheck (profiles/*.json): each a real venue's
liquidation policy plus realistic risk parameters, with their sources (docs/profiles/). Use one
with check --profile NAME, fixtures generate --profile NAME, or name it in an engine's handshake
("policy": NAME). Then the lending profiles (profiles/lending/*.json, spec §11): a lending
market's parameters and rules, for check --profile NAME.`;

export function profiles(argv: readonly string[], io: Io): number {
  const { values } = parseOptions(argv, PROFILES_OPTIONS);
  if (values['help']) {
    io.out(helpFor('profiles', SUMMARY, PROFILES_OPTIONS));
    return EXIT.ok;
  }
  // A shipped file that is no valid profile is a defect of the package, not of the user's input.
  const problems = [...shippedProfiles().problems, ...shippedLendingProfiles().problems];
  for (const p of problems) io.err(`liqcheck: skipped ${p.file}, not a valid profile:\n${formatIssues(p.issues)}\n`);
  const list = profileList().map(profileSummary);
  const lending = lendingProfileList().map(lendingProfileSummary);
  if (values['json']) {
    const doc: ProfileList = { format: 'liqcheck-profiles/1', profiles: list, lending };
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
    return problems.length > 0 ? EXIT.violation : EXIT.ok;
  }
  io.out(`liqcheck profiles — ${list.length} venue profile(s)\n`);
  for (const p of list) {
    io.out(`\n${p.name} — ${p.venue} (as of ${p.asOf}; markets ${p.markets.join(', ')})\n`);
    io.out(`  policy ${p.policy}: ${p.parts.join('; ')}\n`);
    io.out(`  source: ${p.sources[0]!.where}${p.sources.length > 1 ? ` (+${p.sources.length - 1} more, docs/profiles/${p.name}.md)` : ''}\n`);
  }
  io.out(`\nlending profiles (profiles/lending/, spec §11) — ${lending.length}\n`);
  for (const p of lending) {
    io.out(`\n${p.name} — ${p.venue} (as of ${p.asOf}; assets ${p.assets.join(', ')})\n`);
    io.out(`  rules ${p.rules}\n`);
    io.out(`  source: ${p.sources[0]!.where}${p.sources.length > 1 ? ` (+${p.sources.length - 1} more, docs/profiles/${p.name}.md)` : ''}\n`);
  }
  io.out(`\nUse: liqcheck check --profile NAME [--impl ENGINE]\n`);
  return problems.length > 0 ? EXIT.violation : EXIT.ok;
}
