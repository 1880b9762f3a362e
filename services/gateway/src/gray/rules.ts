// Gray release rules: per upstream deployable, which version is the canary and which requests go to
// it: those carrying a header (name=value), chosen users, and a share of everyone else, picked by
// a hash of who asks so that the same caller lands on the same side while the share is unchanged.
// JSON or YAML (YAML is a superset), validated strictly: a rule the gateway cannot honour is refused.
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const version = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "a version is 1-64 letters, digits, '.', '_' or '-'");
// An HTTP token (RFC 9110), compared as lower case as Node gives header names.
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, "not an HTTP header name")
  .transform((s) => s.toLowerCase());

export const ruleSchema = z.strictObject({
  /** The canary's version, as its instances register it (SHOP_SERVICE_VERSION). */
  version,
  /** Share of the remaining traffic sent to the canary, 0-100 (hundredths count). */
  percent: z.number().min(0).max(100).default(0),
  /** User ids always sent to the canary. */
  users: z.array(z.string().min(1).max(64)).max(10_000).default([]),
  /** Requests with this header and value always go to the canary. */
  header: z.strictObject({ name: headerName, value: z.string().min(1).max(256) }).optional(),
});

export type GrayRule = z.output<typeof ruleSchema>;
export type GrayRules = Record<string, GrayRule>;

/** The schema of the whole document, `services` keyed by deployables the gateway routes to. */
export function rulesSchema(deployables: readonly string[]) {
  return z.strictObject({
    services: z.record(z.string(), ruleSchema).superRefine((services, ctx) => {
      for (const name of Object.keys(services)) {
        if (!deployables.includes(name)) ctx.addIssue({ code: "custom", path: [name], message: `unknown service; one of ${deployables.join(", ")}` });
      }
    }),
  });
}

/** Validates a parsed document; throws an Error listing every problem. */
function checkRules(value: unknown, deployables: readonly string[]): GrayRules {
  const result = rulesSchema(deployables).safeParse(value);
  if (result.success) return result.data.services;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(problems.join("; "));
}

/** Parses the file's text (JSON or YAML); an empty file is refused, so a half-written one never clears the rules. */
export function parseRules(text: string, deployables: readonly string[]): GrayRules {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (err) {
    throw new Error(`not JSON or YAML: ${(err as Error).message}`, { cause: err });
  }
  if (value === null || value === undefined) throw new Error("the file is empty (write `services: {}` to remove every rule)");
  return checkRules(value, deployables);
}
