export { parseLendingProfile, readLendingProfile, type LendingProfileRead, type LoadedLendingProfile } from './readLendingProfile.ts';
export { LENDING_PROFILES_DIR, lendingProfileList, lendingProfileNamed, readLendingProfileFolder, shippedLendingProfiles, type LendingProfileFolder } from './lendingProfiles.ts';
export { lendingProfileSummary, type LendingProfileListEntry } from './lendingProfileSummary.ts';
export { lendingProfileFor } from './lendingProfileFor.ts';
