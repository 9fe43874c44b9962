export { parseProfile, readProfile, type LoadedProfile, type ProfileRead } from './readProfile.ts';
export { PROFILES_DIR, profileList, profileNamed, readProfileFolder, shippedProfiles, type ProfileFolder } from './profiles.ts';
