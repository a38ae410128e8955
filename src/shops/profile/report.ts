/**
 * Prints the checker's findings for every profile of a directory:
 *   node --import tsx src/shops/profile/report.ts [profiles]
 * Exit code 1 when a profile cannot be loaded; findings alone never fail (the law applies).
 */
import { pathToFileURL } from 'node:url';
import { checkProfile, formatFindings } from './check.ts';
import { ProfileInvalid } from './errors.ts';
import { loadProfilesDir } from './load.ts';

export function reportProfiles(dir: string): string {
  return loadProfilesDir(dir)
    .map((profile) => formatFindings(profile.slug, checkProfile(profile)))
    .join('\n\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(reportProfiles(process.argv[2] ?? 'profiles'));
  } catch (error) {
    if (!(error instanceof ProfileInvalid)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
