// The admin's view of gray release: GET /api/v1/admin/gray (the rules in force, a refused file if
// any, and per service the share observed since the rules loaded) and PUT /api/v1/admin/gray/rules
// (replaces the whole document; written to the rules file, so every reader of the file and the
// next start see it). A PUT sets a whole state, so repeating it is harmless: no Idempotency-Key
// store is needed, but one sent is checked like everywhere else. Both need ACCESS_ADMIN.
import { Code } from "@connectrpc/connect";
import { options } from "@shop/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Authorize } from "../auth.ts";
import { badRequest, HttpError } from "../errors.ts";
import { rulesSchema } from "./rules.ts";
import type { GrayRouter } from "./router.ts";
import type { RulesSource } from "./source.ts";

export const grayPaths = { view: "/api/v1/admin/gray", rules: "/api/v1/admin/gray/rules" };

export interface GrayAdminDeps {
  router: GrayRouter;
  source: RulesSource;
  authorize: Authorize;
  deployables: readonly string[];
}

export function installGrayAdmin(app: FastifyInstance, deps: GrayAdminDeps): void {
  const adminOnly = async (req: FastifyRequest) => {
    await deps.authorize(options.Access.ADMIN, req.headers.authorization);
  };
  app.get(grayPaths.view, { onRequest: adminOnly }, (_req, reply) => reply.send(deps.router.snapshot()));
  app.put(grayPaths.rules, { onRequest: adminOnly }, (req, reply) => {
    const key = req.headers["idempotency-key"];
    if (typeof key === "string" && (key.length === 0 || key.length > 128))
      throw badRequest("BAD_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 128 characters");
    const parsed = rulesSchema(deps.deployables).safeParse(req.body ?? {});
    if (!parsed.success) {
      const violations = parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(root)", message: i.message, rule: i.code }));
      throw badRequest("INVALID_GRAY_RULES", "the gray rules are not valid; nothing changed", violations);
    }
    if (!deps.source.file) {
      throw new HttpError(Code.FailedPrecondition, "GRAY_RULES_FILE_UNSET", "the gateway has no rules file (SHOP_GATEWAY_GRAY_RULES_FILE) to keep rules in");
    }
    deps.source.write(parsed.data.services);
    return reply.send(deps.router.snapshot());
  });
}
