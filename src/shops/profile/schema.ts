/**
 * The shop profile: every number, deadline, option and choice in a shop's terms of sale, as data
 * (DESIGN principle 1). One file per shop in `profiles/`, validated at load by this schema.
 *
 * Sections follow the capabilities of SPEC §2 (C01–C28) and live in `schema/`, one file per
 * group, gathered in `schema/fields.ts`; `schema/refine.ts` adds the cross-field checks. Sections
 * owned by later capabilities are optional: when absent, the platform default or the legal
 * default applies. Conventions (cents, basis points, ISO-8601 durations, strict
 * objects) are stated in `schema/common.ts`.
 */
import type { z } from 'zod';
import { ProfileFields } from './schema/fields.ts';
import { refineProfile } from './schema/refine.ts';

export { LegalSystem, ProfileFields } from './schema/fields.ts';

export const ProfileSchema = ProfileFields.superRefine(refineProfile);

export type Profile = z.infer<typeof ProfileSchema>;
