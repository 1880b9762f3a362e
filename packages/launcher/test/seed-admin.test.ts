// The demo seed's admin: a name nobody can guess (and so register first) on a new data folder,
// read back on every later start, and the old fixed name kept for a data folder that already has it.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { seedAdminIdentity } from "../src/seed/admin.ts";

void describe("launcher: the seed's admin", () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "shop-seed-admin-"));
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  void it("gets a random name on a new data folder, kept (0600) and read back later", () => {
    const dir = freshDir();
    const first = seedAdminIdentity(dir);
    assert.match(first.username, /^demo-seed-[0-9a-f]{16}$/);
    assert.equal(first.email, `${first.username}@shop.local`);
    assert.deepEqual(seedAdminIdentity(dir), first);
    assert.equal(statSync(join(dir, "demo-seed.username")).mode & 0o777, 0o600);
    assert.equal(statSync(first.passwordFile).mode & 0o777, 0o600);
    assert.notEqual(seedAdminIdentity(freshDir()).username, first.username);
  });

  void it("keeps the old fixed name in a data folder seeded before names were random", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "demo-seed.password"), "an older password\n", { mode: 0o600 });
    const identity = seedAdminIdentity(dir);
    assert.deepEqual({ username: identity.username, email: identity.email }, { username: "demo-seed", email: "demo-seed@shop.local" });
    assert.equal(seedAdminIdentity(dir).username, "demo-seed");
  });
});
