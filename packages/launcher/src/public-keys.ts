// `shop public-keys <private key file>`: the public JWKS of the user service's signing key, for
// SHOP_JWT_PUBLIC_KEYS_FILE (keys pinned on every verifier). Creates the key (0600) when missing,
// exactly as the user service would on its first start, so a cluster can be configured beforehand.
import { resolve } from "node:path";

export async function publicKeysCommand(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file || argv.length > 1) {
    process.stderr.write("usage: npm run shop -- public-keys <private key file (SHOP_JWT_PRIVATE_KEY_FILE)>\n");
    return 2;
  }
  const { loadSigningKey } = await import("@shop/user/keys");
  const key = await loadSigningKey(resolve(file));
  process.stdout.write(`${JSON.stringify({ keys: [key.publicJwk] }, null, 2)}\n`);
  return 0;
}
