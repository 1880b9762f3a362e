// The user service's configuration: the platform keys plus tokens, login throttling, password
// hashing and the optional first admin. Each key's comment is its entry in the config reference.
import { z } from "zod";
import { platformEnv, platformSchema, tokenClaims } from "@shop/kit/platform";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const userSchema = platformSchema.extend({
  auth: z
    .object({
      ...tokenClaims,
      /** Lifetime of an access token (JWT), in seconds. */
      accessTokenTtlSeconds: int(30, 86_400).default(900),
      /** Lifetime of a refresh token, in seconds; each rotation starts a new one. */
      refreshTokenTtlSeconds: int(60, 31_536_000).default(2_592_000),
      /** PKCS8 PEM of the Ed25519 signing key; created (0600) when missing. Empty: <dataDir>/keys/jwt-ed25519.pem. */
      privateKeyFile: z.string().default(""),
    })
    .prefault({}),
  login: z
    .object({
      /** Failed logins per account within the window before further attempts are refused. Reloads from the file. */
      maxFailuresPerAccount: int(1, 10_000).default(5),
      /** Failed logins per client IP within the window before further attempts are refused. Reloads from the file. */
      maxFailuresPerIp: int(1, 1_000_000).default(20),
      /** The sliding window failures are counted in, in seconds. Reloads from the file. */
      windowSeconds: int(1, 86_400).default(900),
    })
    .prefault({}),
  register: z
    .object({
      /** Registrations per client IP within the window (each attempt counts) before further ones are refused. Reloads from the file. */
      maxPerIp: int(1, 1_000_000).default(20),
      /** The sliding window registrations are counted in, in seconds. Reloads from the file. */
      windowSeconds: int(1, 86_400).default(600),
    })
    .prefault({}),
  argon2: z
    .object({
      /** argon2id memory cost in KiB (OWASP: 19456). */
      memoryKib: int(1024, 4_194_304).default(19_456),
      /** argon2id iterations (OWASP: 2). */
      timeCost: int(1, 20).default(2),
      /** argon2id lanes (OWASP: 1). */
      parallelism: int(1, 16).default(1),
    })
    .prefault({}),
  admin: z
    .object({
      /** First admin, ensured at startup when email, username and a password are all set. */
      email: z.string().default(""),
      /** Username of the first admin. */
      username: z.string().default(""),
      /** Password of the first admin; used when the user is created, and to prove an existing user is the admin's own; never overwrites one. */
      password: z.string().default(""),
      /** File holding the first admin's password (wins over `password`). */
      passwordFile: z.string().default(""),
    })
    .prefault({}),
});

export type UserConfig = z.output<typeof userSchema>;

export const userEnv: Record<string, string> = {
  ...platformEnv,
  SHOP_ACCESS_TOKEN_TTL_SECONDS: "auth.accessTokenTtlSeconds",
  SHOP_REFRESH_TOKEN_TTL_SECONDS: "auth.refreshTokenTtlSeconds",
  SHOP_JWT_PRIVATE_KEY_FILE: "auth.privateKeyFile",
  SHOP_LOGIN_MAX_FAILURES_PER_ACCOUNT: "login.maxFailuresPerAccount",
  SHOP_LOGIN_MAX_FAILURES_PER_IP: "login.maxFailuresPerIp",
  SHOP_LOGIN_WINDOW_SECONDS: "login.windowSeconds",
  SHOP_REGISTER_MAX_PER_IP: "register.maxPerIp",
  SHOP_REGISTER_WINDOW_SECONDS: "register.windowSeconds",
  SHOP_ARGON2_MEMORY_KIB: "argon2.memoryKib",
  SHOP_ARGON2_TIME_COST: "argon2.timeCost",
  SHOP_ARGON2_PARALLELISM: "argon2.parallelism",
  SHOP_ADMIN_EMAIL: "admin.email",
  SHOP_ADMIN_USERNAME: "admin.username",
  SHOP_ADMIN_PASSWORD: "admin.password",
  SHOP_ADMIN_PASSWORD_FILE: "admin.passwordFile",
};
