// Shared by the file service's tests: the real user service (tokens and the JWKS, a first admin)
// and the file service, each its own process on databases of their own; Connect clients and an
// admin's and two shoppers' call options.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { filev1, userv1 } from "@shop/contracts";
import { startServiceProcess, type ServiceProcess } from "@shop/testkit/process";
import { portsOf, startUserWithAdmin } from "@shop/testkit/user-service";
import { dropDatabases, postgresUrl, requirePostgres, uniqueDbPrefix } from "@shop/testkit/servers";
import { decodeJwt } from "jose";

const admin = { username: "file-admin", email: "file-admin@example.com", password: "file admin secret" };

export interface Caller {
  token: string;
  options: CallOptions;
  userId: string;
}

export interface FileTest {
  file: ServiceProcess;
  dataDir: string;
  files: Client<typeof filev1.FileService>;
  /** FileInternalService: these tests call from loopback, internal without a token. */
  internal: Client<typeof filev1.FileInternalService>;
  admin: Caller;
  shopper: Caller;
  otherShopper: Caller;
  close(): Promise<void>;
}

const caller = (token: string): Caller => ({ token, options: { headers: { authorization: `Bearer ${token}` } }, userId: decodeJwt(token).sub! });

/** `env`: more settings of the file process (S3, limits). */
export async function startFiles(env: Record<string, string> = {}): Promise<FileTest> {
  await requirePostgres();
  const prefix = uniqueDbPrefix();
  const dataDir = mkdtempSync(join(tmpdir(), "shop-file-test-"));
  const base = { SHOP_DB_PREFIX: prefix, SHOP_DATA_DIR: dataDir, SHOP_POSTGRES_URL: postgresUrl, SHOP_DB_POOL_MAX: "3" };
  const user = await startUserWithAdmin(base, admin);
  let file: ServiceProcess;
  try {
    file = await startServiceProcess("file", { ...base, ...portsOf("user", user), ...env });
  } catch (err) {
    await user.stop();
    throw err;
  }
  const users = createClient(userv1.AuthService, createConnectTransport({ baseUrl: `http://127.0.0.1:${user.httpPort}`, httpVersion: "1.1" }));
  const shopper = async (n: string) =>
    (await users.register({ username: `${n}${process.pid}`, email: `${n}${process.pid}@example.com`, password: "correct horse battery", displayName: "" }))
      .tokens!.accessToken;
  const transport = createConnectTransport({ baseUrl: `http://127.0.0.1:${file.httpPort}`, httpVersion: "1.1" });
  return {
    file,
    dataDir,
    files: createClient(filev1.FileService, transport),
    internal: createClient(filev1.FileInternalService, transport),
    admin: caller((await users.login({ login: admin.username, password: admin.password })).accessToken),
    shopper: caller(await shopper("photographer")),
    otherShopper: caller(await shopper("copycat")),
    async close() {
      await file.stop();
      await user.stop();
      await dropDatabases(prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { rejectsWith } from "@shop/testkit/assert";
