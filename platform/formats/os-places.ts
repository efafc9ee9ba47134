import { z } from 'zod';

/**
 * The postcode look-up's answers, in the style of OS Places: a header and, when anything was
 * found, DPA records with values in upper case and absent fields omitted. Shared by every
 * subgraph that reads the look-up (by postcode, by UPRN).
 */
export const osPlacesAnswer = z.object({
  header: z.object({ totalresults: z.number() }),
  results: z
    .array(
      z.object({
        DPA: z.object({
          UPRN: z.string(),
          BUILDING_NUMBER: z.string().optional(),
          BUILDING_NAME: z.string().optional(),
          THOROUGHFARE_NAME: z.string().optional(),
          POST_TOWN: z.string(),
          POSTCODE: z.string(),
        }),
      }),
    )
    .optional(),
});

export type OsPlacesAnswer = z.infer<typeof osPlacesAnswer>;
export type DpaRecord = NonNullable<OsPlacesAnswer['results']>[number]['DPA'];
