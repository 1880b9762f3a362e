// The secrets every instance of a cluster must share, so either instance accepts what the other
// issued: made once into <dataDir>/cluster/secrets.json (0600) and kept, like the embedded
// profile's keys. The token signing key is a file beside it, created by the first user instance.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { readOrCreateFile } from "@shop/kit/secret-file";

const fresh = () => randomBytes(32).toString("hex");

export function clusterSecrets(dir: string): NodeJS.ProcessEnv {
  const file = join(dir, "secrets.json");
  const text = readOrCreateFile(file, () =>
    JSON.stringify(
      {
        SHOP_INTERNAL_TOKEN: fresh(),
        SHOP_IDEMPOTENCY_SECRET: fresh(),
        SHOP_PAYMENT_SANDBOX_WEBHOOK_SECRET: fresh(),
        SHOP_SECKILL_TOKEN_SECRET: fresh(),
      },
      null,
      2,
    ),
  );
  const secrets = JSON.parse(text) as Record<string, string>;
  return { ...secrets, SHOP_JWT_PRIVATE_KEY_FILE: join(dir, "keys", "jwt-ed25519.pem") };
}
