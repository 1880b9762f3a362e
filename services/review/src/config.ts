// The review service's configuration: the platform keys plus its calls to the file service. Each
// key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema } from "@shop/kit/platform";

export const reviewSchema = platformSchema.extend({
  review: z
    .object({
      /** Deadline of the calls to the file service (a new review's photos), in ms; past it the review is refused UNAVAILABLE. */
      fileTimeoutMs: z.coerce.number().int().min(50).max(60_000).default(2000),
    })
    .prefault({}),
});

export type ReviewConfig = z.output<typeof reviewSchema>;

export const reviewEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_REVIEW_FILE_TIMEOUT_MS: "review.fileTimeoutMs",
};
