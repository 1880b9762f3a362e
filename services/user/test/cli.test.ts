// `cli.ts create-admin` run as a child process, as an operator would, against the service's database.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { sourceNodeArgs } from "@shop/kit/entry";
import { Code } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { repoRoot } from "@shop/testkit/process";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const run = promisify(execFile);

void describe("user service: create-admin CLI", () => {
  let t: TestService;
  const dir = mkdtempSync(join(tmpdir(), "shop-cli-"));
  before(async () => {
    t = await startUserService();
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  async function cli(args: string[], env: Record<string, string> = {}) {
    const childEnv = { ...process.env, ...t.env, ...env };
    if (!("SHOP_ADMIN_PASSWORD" in env)) delete childEnv.SHOP_ADMIN_PASSWORD;
    try {
      const { stdout, stderr } = await run(process.execPath, [...sourceNodeArgs, "services/user/src/cli.ts", ...args], { cwd: repoRoot, env: childEnv });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  void it("creates an admin with a password from a file, and is idempotent", async () => {
    const file = join(dir, "pw");
    writeFileSync(file, "cli admin secret\n", { mode: 0o600 });
    const first = await cli(["create-admin", "--username", "ops", "--email", "Ops@Example.com", "--password-file", file]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /created admin ops <ops@example\.com>/);
    const pair = await t.auth.login({ login: "ops", password: "cli admin secret" });
    assert.deepEqual((await t.account.getMe({}, bearer(pair.accessToken))).roles, [userv1.Role.CUSTOMER, userv1.Role.ADMIN]);
    const again = await cli(["create-admin", "--username", "ops", "--email", "ops@example.com"], { SHOP_ADMIN_PASSWORD: "another password" });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already an admin/);
    await t.auth.login({ login: "ops", password: "cli admin secret" });
  });

  void it("grants the admin role to an existing user only when given that user's own password", async () => {
    const u = await registerUser(t, "existing");
    const refused = await cli(["create-admin", "--username", u.username, "--email", u.email], { SHOP_ADMIN_PASSWORD: "not their password" });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /ADMIN_PASSWORD_MISMATCH: .*exists.*password/);
    const before = await t.auth.login({ login: u.username, password: u.password });
    await rejectsWith(t.admin.listUsers({}, bearer(before.accessToken)), Code.PermissionDenied, "ADMIN_REQUIRED");
    const res = await cli(["create-admin", "--username", u.username, "--email", u.email], { SHOP_ADMIN_PASSWORD: u.password });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /granted the admin role/);
    const pair = await t.auth.login({ login: u.username, password: u.password });
    await t.admin.listUsers({}, bearer(pair.accessToken));
  });

  void it("refuses short passwords, missing passwords off a terminal, and bad usage", async () => {
    const short = await cli(["create-admin", "--username", "shorty", "--email", "s@example.com"], { SHOP_ADMIN_PASSWORD: "1234567" });
    assert.equal(short.code, 1);
    assert.match(short.stderr, /at least 8 characters/);
    const none = await cli(["create-admin", "--username", "nopw", "--email", "n@example.com"]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no password/);
    const usage = await cli(["create-admin", "--email", "u@example.com"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /usage: create-admin/);
    const { rows } = await t.sql("select count(*)::int as n from users where username in ('shorty', 'nopw')");
    assert.deepEqual(rows, [{ n: 0 }]);
  });

  void it(
    "prompts for the password on a terminal without echoing it",
    { skip: !existsSync("/usr/bin/script") && "needs script(1) to provide a terminal" },
    async () => {
      const command = `node ${sourceNodeArgs.join(" ")} services/user/src/cli.ts create-admin --username ttyadmin --email tty@example.com`;
      const env: NodeJS.ProcessEnv = { ...process.env, ...t.env };
      delete env.SHOP_ADMIN_PASSWORD;
      const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], { cwd: repoRoot, env, stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      const onOutput = (d: Buffer) => {
        out += d.toString();
        if (/(password for the admin|repeat it): $/.test(out)) child.stdin.write("typed on a tty\r");
      };
      child.stdout.on("data", onOutput);
      child.stderr.on("data", onOutput);
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      assert.equal(code, 0, out);
      assert.match(out, /created admin ttyadmin/);
      assert.doesNotMatch(out, /typed on a tty/);
      await t.auth.login({ login: "ttyadmin", password: "typed on a tty" });
    },
  );
});
