// The signing key file: created once (0600) even when several instances start together, reused
// after, refused when it is not Ed25519.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { calculateJwkThumbprint } from "jose";
import { sourceNodeArgs } from "@shop/kit/entry";
import { repoRoot } from "@shop/testkit/process";
import { loadSigningKey } from "../src/keys.ts";

const run = promisify(execFile);

void describe("user service: signing key file", () => {
  const dir = mkdtempSync(join(tmpdir(), "shop-keys-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it("is created once by concurrent starters, with mode 0600, and its kid is the RFC 7638 thumbprint", async () => {
    const file = join(dir, "keys", "jwt-ed25519.pem");
    const script = `import { loadSigningKey } from "./services/user/src/keys.ts"; console.log((await loadSigningKey(${JSON.stringify(file)})).kid);`;
    const kids = await Promise.all(
      Array.from({ length: 6 }, () =>
        run(process.execPath, [...sourceNodeArgs, "--input-type=module", "-e", script], { cwd: repoRoot }).then((r) => r.stdout.trim()),
      ),
    );
    assert.equal(new Set(kids).size, 1, `kids: ${kids.join(", ")}`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(join(file, "..")), ["jwt-ed25519.pem"], "no temp files left");
    const key = await loadSigningKey(file);
    assert.equal(key.kid, kids[0]);
    assert.equal(key.kid, await calculateJwkThumbprint({ kty: key.publicJwk.kty, crv: key.publicJwk.crv, x: key.publicJwk.x }, "sha256"));
    assert.deepEqual(Object.keys(key.publicJwk).sort(), ["alg", "crv", "kid", "kty", "use", "x"]);
  });

  void it("refuses a key that is not Ed25519", async () => {
    const file = join(dir, "rsa.pem");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    await assert.rejects(loadSigningKey(file), /expected an Ed25519 key, found rsa/);
  });
});
