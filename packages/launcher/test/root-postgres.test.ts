// As root, PostgreSQL runs as the postgres user: what it cannot reach because a folder on the way is
// closed to other users (0700) is found a place outside. Binaries in a closed folder are copied once,
// atomically, and checked; a closed data folder gets its cluster elsewhere with a link to it, found
// again on the next start, and removed, orphaned or moved data folders are handled. Everything here
// lives in temporary folders (one stands for /var/lib/shop), removed afterwards.
import assert from "node:assert/strict";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import type { Output } from "@shop/launcher/output";
import { binariesFor } from "@shop/launcher/pg-binaries-copy";
import { binariesIn, pgBinaries } from "@shop/launcher/pg-binaries";
import { tidyClusters, placeCluster, relocatedCluster } from "@shop/launcher/pg-cluster-place";
import { canReach, postgresRunAs, versionOf } from "@shop/launcher/postgres-user";

const notRoot = process.getuid?.() !== 0 && "runs as root only (PostgreSQL drops to the postgres user only when the launcher is root; CI runs as root)";

function recorder(): Output & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const log = (level: string, msg: string) => void lines.push({ level, msg });
  return { pretty: false, lines, log, child: () => undefined, format: (_s, l) => l, banner: () => undefined, progress: () => undefined };
}

const temp = (mode: number) => {
  const dir = mkdtempSync(join(tmpdir(), "shop-root-"));
  chmodSync(dir, mode);
  return dir;
};
const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

void describe("binaries the postgres user can run", { skip: notRoot }, () => {
  void test("are copied once out of a closed folder, checked, and copied again when broken", async () => {
    const runAs = postgresRunAs()!;
    const install = await pgBinaries();
    const closed = temp(0o700);
    const base = temp(0o755);
    made.push(closed, base);
    const root = join(closed, "native");
    cpSync(install.root, root, { recursive: true, verbatimSymlinks: true });
    const shut = { ...binariesIn(root), root, release: `test-${process.pid}` };
    const expected = versionOf(install.postgres);
    assert.match(expected ?? "", /PostgreSQL/);
    assert.equal(versionOf(shut.postgres, runAs), undefined, "the postgres user should not run binaries in a 0700 folder");

    const out = recorder();
    const copy = binariesFor(shut, runAs, base, out);
    assert.equal(copy.postgres, join(base, `postgresql-test-${process.pid}`, "bin", "postgres"));
    assert.equal(versionOf(copy.postgres, runAs), expected);
    assert.equal(versionOf(copy.initdb, runAs)?.includes("initdb"), true);
    assert.equal(statSync(dirname(dirname(copy.postgres))).uid, 0, "the copy is root's");
    assert.match(out.lines.map((l) => l.msg).join("\n"), /cannot reach the PostgreSQL binaries in .* copying them to /);
    assert.deepEqual(
      readdirSync(base).filter((n) => n.startsWith(".")),
      [],
      "no temporary copy left behind",
    );

    const again = recorder();
    assert.deepEqual(binariesFor(shut, runAs, base, again), copy);
    assert.deepEqual(again.lines, [], "the copy is made once");

    rmSync(copy.postgres);
    const mended = recorder();
    assert.deepEqual(binariesFor(shut, runAs, base, mended), copy);
    assert.equal(versionOf(copy.postgres, runAs), expected);
    assert.ok(mended.lines.some((l) => l.level === "warn" && l.msg.includes("copying them again")));

    if (canReach(install.root, runAs)) assert.deepEqual(binariesFor(install, runAs, base, recorder()), install, "reachable binaries are used where they are");
  });
});

void describe("the cluster of a data folder", { skip: notRoot }, () => {
  const runAs = notRoot ? undefined : postgresRunAs();
  const setup = () => {
    const closed = temp(0o700);
    const base = temp(0o755);
    made.push(closed, base);
    const dataDir = join(closed, ".shop");
    mkdirSync(dataDir);
    return { closed, base, dataDir, link: join(dataDir, "postgres") };
  };

  void test("in a closed folder goes outside, linked from <dataDir>/postgres, and is found there again", () => {
    const { closed, base, dataDir, link } = setup();
    const out = recorder();
    const cluster = placeCluster(dataDir, runAs!, base, out);
    assert.equal(cluster, relocatedCluster(dataDir, base));
    assert.ok(cluster.startsWith(join(base, "clusters")));
    assert.equal(readlinkSync(link), cluster);
    assert.deepEqual([statSync(cluster).uid, statSync(cluster).mode & 0o777], [runAs!.uid, 0o700]);
    assert.ok(canReach(cluster, runAs!));
    assert.equal(statSync(closed).mode & 0o777, 0o700, "the closed folder stays closed");
    assert.deepEqual(
      out.lines.map((l) => l.level),
      ["info"],
      "one line says where the data went",
    );
    assert.match(out.lines[0]!.msg, new RegExp(`${closed} is closed to other users: its data goes to ${cluster}, and ${link} links there`));

    writeFileSync(join(cluster, "PG_VERSION"), "18\n");
    const again = recorder();
    assert.equal(placeCluster(dataDir, runAs!, base, again), cluster);
    assert.deepEqual(again.lines, []);
    assert.ok(existsSync(join(cluster, "PG_VERSION")), "the data is kept");
    assert.deepEqual(tidyClusters(base), []);
  });

  void test("whose link was removed starts afresh; one whose target is gone too", () => {
    const { base, dataDir, link } = setup();
    const cluster = placeCluster(dataDir, runAs!, base, recorder());
    writeFileSync(join(cluster, "PG_VERSION"), "18\n");

    rmSync(link); // as `rm -rf .shop/postgres` does: the data is meant to go
    const out = recorder();
    assert.equal(placeCluster(dataDir, runAs!, base, out), cluster);
    assert.ok(!existsSync(join(cluster, "PG_VERSION")), "the old cluster is removed");
    assert.ok(out.lines.some((l) => l.level === "warn" && l.msg.includes(`removing the PostgreSQL cluster in ${cluster}`)));
    assert.equal(readlinkSync(link), cluster);

    rmSync(dirname(cluster), { recursive: true });
    const dangling = recorder();
    assert.equal(placeCluster(dataDir, runAs!, base, dangling), cluster);
    assert.ok(dangling.lines.some((l) => l.level === "warn" && l.msg.includes("which is gone: PostgreSQL starts afresh")));
    assert.ok(statSync(cluster).isDirectory());
    assert.equal(readlinkSync(link), cluster);
  });

  void test("of a removed data folder is named, with how to remove it; a moved one follows its data folder", () => {
    const { closed, base, dataDir } = setup();
    const gone = join(closed, "gone");
    mkdirSync(gone);
    const orphan = placeCluster(gone, runAs!, base, recorder());
    rmSync(gone, { recursive: true });
    const out = recorder();
    placeCluster(dataDir, runAs!, base, out);
    const warning = out.lines.find((l) => l.level === "warn")?.msg ?? "";
    assert.match(warning, new RegExp(`${orphan} belonged to ${gone}, which no longer leads to it: remove it with \`rm -rf ${dirname(orphan)}\``));

    const moved = join(closed, "moved");
    renameSync(dataDir, moved);
    const cluster = relocatedCluster(moved, base); // the path hashes differently now
    const followed = placeCluster(moved, runAs!, base, recorder());
    assert.notEqual(followed, cluster);
    assert.equal(readlinkSync(join(moved, "postgres")), followed, "the moved data folder keeps its cluster");
    assert.deepEqual(
      tidyClusters(base).map((o) => o.cluster),
      [orphan],
    );

    rmSync(orphan, { recursive: true }); // as the README's `rm -rf "$(readlink -f .shop/postgres)" .shop` does
    assert.deepEqual(tidyClusters(base), []);
    assert.ok(!existsSync(dirname(orphan)), "its bookkeeping goes too");
  });

  void test("in a folder the postgres user can reach stays in the data folder", () => {
    const open = temp(0o755);
    made.push(open);
    const dataDir = join(open, ".shop");
    mkdirSync(dataDir, { mode: 0o700 });
    const out = recorder();
    const base = temp(0o755);
    made.push(base);
    assert.equal(placeCluster(dataDir, runAs!, base, out), join(dataDir, "postgres"));
    assert.equal(statSync(dataDir).mode & 0o001, 0o001, "let through (search only)");
    assert.equal(lstatSync(dataDir).isSymbolicLink(), false);
    assert.deepEqual(out.lines, []);
    assert.ok(!existsSync(join(base, "clusters")));
  });
});
