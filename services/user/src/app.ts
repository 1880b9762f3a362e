// Builds the user service from its context: keys, hashing, use case deps, the RPC services,
// the JWKS route, the first admin and the pruning of old throttle attempts. Listening is the kit's job.
import type { Config } from "@shop/kit/config";
import type { Db } from "@shop/kit/db";
import type { Logger } from "@shop/kit/log";
import type { ServiceContext, ServiceParts } from "@shop/kit/service";
import { userv1 } from "@shop/contracts";
import { AppError } from "@shop/kit/errors";
import type { UserConfig } from "./config.ts";
import { currentSessionsOnly } from "./current-sessions.ts";
import { firstAdminFromConfig } from "./first-admin.ts";
import { defaultKeyFile, loadSigningKey } from "./keys.ts";
import { createPasswords } from "./passwords.ts";
import { pruneFailures } from "./repo/login-failures.ts";
import { accountService } from "./rpc/account.ts";
import { addressService } from "./rpc/address.ts";
import { userInternalService } from "./rpc/user-internal.ts";
import { addressInternalService } from "./rpc/address-internal.ts";
import { adminUserService } from "./rpc/admin.ts";
import { authService } from "./rpc/auth.ts";
import { jwksRoute } from "./rpc/jwks-route.ts";
import { createAccessTokens } from "./tokens.ts";
import type { Deps } from "./usecases/deps.ts";
import { adminConflictReasons, ensureAdmin } from "./usecases/ensure-admin.ts";

const pruneEveryMs = 60_000;

export async function createDeps(db: Db, config: Config<UserConfig>): Promise<Deps> {
  const { auth, dataDir, argon2 } = config.value;
  const key = await loadSigningKey(auth.privateKeyFile || defaultKeyFile(dataDir));
  const accessTokens = createAccessTokens(key, { issuer: auth.issuer, audience: auth.audience, ttlSeconds: auth.accessTokenTtlSeconds });
  return { db, config, passwords: await createPasswords(argon2), accessTokens };
}

async function bootstrapAdmin(d: Deps, logger: Logger): Promise<void> {
  const admin = firstAdminFromConfig(d.config.value.admin);
  if (!admin) return;
  try {
    const { outcome, user } = await ensureAdmin(d, admin);
    logger.info({ outcome, userId: user.id, username: user.username }, "first admin ensured");
  } catch (err) {
    // The name or email is another account's: start without granting anything and say why. Failing
    // the start instead would let whoever registers the configured name keep the shop down.
    if (!(err instanceof AppError && adminConflictReasons.has(err.reason))) throw err;
    logger.error({ reason: err.reason, error: err.message }, "first admin not ensured");
  }
}

export async function build(ctx: ServiceContext<UserConfig>): Promise<ServiceParts> {
  const deps = await createDeps(ctx.db, ctx.config);
  await bootstrapAdmin(deps, ctx.logger);
  const prune = setInterval(() => {
    const { login, register } = ctx.config.value;
    pruneFailures(ctx.db, { account: login.windowSeconds, ip: login.windowSeconds, register: register.windowSeconds }).catch((err: unknown) =>
      ctx.logger.warn({ err }, "pruning throttle attempts failed"),
    );
  }, pruneEveryMs);
  prune.unref();
  return {
    routes(router) {
      router.service(userv1.AuthService, authService(deps));
      router.service(userv1.AccountService, accountService(deps));
      router.service(userv1.AddressService, addressService(deps));
      router.service(userv1.AddressInternalService, addressInternalService(deps));
      router.service(userv1.AdminUserService, adminUserService(deps));
      router.service(userv1.UserInternalService, userInternalService(deps));
    },
    verifyToken: currentSessionsOnly(deps.accessTokens.verifier(), ctx.db),
    extraRoutes: jwksRoute(deps.accessTokens),
    stop: () => Promise.resolve(clearInterval(prune)),
  };
}
