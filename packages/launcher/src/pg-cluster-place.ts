// Where the embedded PostgreSQL keeps its cluster when the launcher is root and the server runs as
// the postgres user. In <dataDir>/postgres when that user can reach it (the data folder is let
// through). Otherwise, as for a checkout in /root or a `mktemp -d`, in a folder of that user's
// outside the data folder, <outsideDir>/clusters/<hash of the data folder's path>/postgres, which
// <dataDir>/postgres links to: the README's path still leads to the data, and the next start finds
// it again. The password, keys, logs and seed state stay in the data folder either way.
import { createHash } from "node:crypto";
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Output } from "./output.ts";
import { serverRunningIn } from "./postmaster.ts";
import { assertReachable, blockerOf, canReach, letThrough, openFolder, type RunAs } from "./postgres-user.ts";

const clustersIn = (base: string) => join(base, "clusters");
/** Next to a relocated cluster: the data folder it belongs to, to tell its link from an orphan. */
const ownerFile = (cluster: string) => join(dirname(cluster), "data-dir");

function lstatOf(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Where `link` leads when it is a symbolic link. */
function linkTarget(link: string): string | undefined {
  return lstatOf(link)?.isSymbolicLink() ? resolve(dirname(link), readlinkSync(link)) : undefined;
}

/** Where <dataDir>/postgres really is: the folder it links to, if it is a link to one. */
export function followed(link: string): string {
  const target = linkTarget(link);
  return target && existsSync(target) ? target : link;
}

/** The cluster folder for a data folder that the postgres user cannot reach. */
export function relocatedCluster(dataDir: string, base: string): string {
  const hash = createHash("sha256").update(realpathSync(dataDir)).digest("hex").slice(0, 12);
  return join(clustersIn(base), hash, "postgres");
}

/**
 * The relocated clusters that their data folder no longer leads to (removed, or moved and not
 * started since), for a warning. What is left of one whose cluster was removed by hand (`rm -rf
 * "$(readlink -f .shop/postgres)" .shop`) is only bookkeeping, removed here quietly.
 */
export function tidyClusters(base: string): { cluster: string; dataDir: string }[] {
  const found: { cluster: string; dataDir: string }[] = [];
  for (const name of existsSync(clustersIn(base)) ? readdirSync(clustersIn(base)) : []) {
    const cluster = join(clustersIn(base), name, "postgres");
    let dataDir: string;
    try {
      dataDir = readFileSync(ownerFile(cluster), "utf8").trim();
    } catch {
      continue; // being made right now, or not ours
    }
    if (linkTarget(join(dataDir, "postgres")) === cluster) continue;
    if (existsSync(cluster)) found.push({ cluster, dataDir });
    else rmSync(dirname(cluster), { recursive: true, force: true });
  }
  return found;
}

function relocate(dataDir: string, runAs: RunAs, base: string, out: Output): string {
  const link = join(dataDir, "postgres");
  const cluster = relocatedCluster(dataDir, base);
  if (existsSync(join(cluster, "PG_VERSION"))) {
    // An earlier data folder at this very path had it, and its link is gone with it: the data was
    // removed on purpose (`rm -rf .shop`), so this start begins afresh as it would in place.
    const running = serverRunningIn(cluster);
    if (running) throw new Error(`the PostgreSQL cluster in ${cluster} is still served by pid ${running.pid}; stop it first`);
    out.log("warn", `removing the PostgreSQL cluster in ${cluster}: it belonged to an earlier ${dataDir}, whose link to it is gone`);
  }
  for (const dir of [base, clustersIn(base), dirname(cluster)]) openFolder(dir);
  rmSync(ownerFile(cluster), { force: true }); // first, and written last: meanwhile no scan takes it for an orphan
  rmSync(cluster, { recursive: true, force: true });
  mkdirSync(cluster, { mode: 0o700 });
  chownSync(cluster, runAs.uid, runAs.gid);
  symlinkSync(cluster, link);
  writeFileSync(ownerFile(cluster), `${dataDir}\n`);
  out.log(
    "info",
    `PostgreSQL runs as the postgres user (the launcher is root), and ${blockerOf(dataDir, runAs)} is closed to other users: ` +
      `its data goes to ${cluster}, and ${link} links there`,
  );
  return cluster;
}

/**
 * The cluster folder for `dataDir` as the server will use it (a real path, never through the link),
 * placed as above; it may not hold a cluster yet. `base` is outsideDir but for tests.
 */
export function placeCluster(dataDir: string, runAs: RunAs, base: string, out: Output): string {
  const link = join(dataDir, "postgres");
  const target = linkTarget(link);
  const live = target && existsSync(target);
  // A data folder that moved along with its link: its cluster follows it.
  if (live && dirname(dirname(target)) === clustersIn(base) && existsSync(ownerFile(target))) writeFileSync(ownerFile(target), `${dataDir}\n`);
  for (const orphan of tidyClusters(base)) {
    if (orphan.cluster === relocatedCluster(dataDir, base)) continue; // this data folder's: dealt with below
    out.log(
      "warn",
      `the PostgreSQL cluster in ${orphan.cluster} belonged to ${orphan.dataDir}, which no longer leads to it: remove it with \`rm -rf ${dirname(orphan.cluster)}\``,
    );
  }
  if (live) return target;
  if (target) {
    out.log("warn", `${link} leads to ${target}, which is gone: PostgreSQL starts afresh with an empty cluster`);
    unlinkSync(link);
  }
  if (canReach(dirname(dataDir), runAs)) {
    letThrough(dataDir);
    return link;
  }
  if (existsSync(join(link, "PG_VERSION"))) assertReachable(link, runAs); // an in-place cluster, now shut in: say so
  rmSync(link, { recursive: true, force: true }); // what an interrupted initdb left in place
  return relocate(dataDir, runAs, base, out);
}
