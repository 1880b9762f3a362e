// Clients that know nothing of this codebase: grpc-js loading the .proto files (on the gRPC port)
// and plain fetch speaking Connect JSON (what curl does, on the HTTP port).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { repoRoot } from "@shop/testkit/process";
import { writeProtoDeps } from "../../../scripts/proto-deps.ts";
import { startUserService, uniqueUser, type TestService } from "./helpers.ts";

interface GrpcTokenPair {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}
type Unary<Req, Res> = (req: Req, callback: (err: grpc.ServiceError | null, res?: Res) => void) => grpc.ClientUnaryCall;
interface AuthClient extends grpc.Client {
  Register: Unary<{ username: string; email: string; password: string }, { user: { id: string; username: string; roles: string[] }; tokens: GrpcTokenPair }>;
  Login: Unary<{ login: string; password: string }, GrpcTokenPair>;
}

function call<Req, Res>(method: Unary<Req, Res>, client: AuthClient, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(client, req, (err, res) => (err ? reject(err) : resolve(res!)));
  });
}

void describe("user service: foreign clients", () => {
  let t: TestService;
  let client: AuthClient;
  const deps = mkdtempSync(join(tmpdir(), "shop-proto-deps-"));
  before(async () => {
    t = await startUserService();
    writeProtoDeps(deps);
    const definition = await protoLoader.load("shop/user/v1/auth.proto", {
      includeDirs: [join(repoRoot, "proto"), deps],
      keepCase: true,
      enums: String,
      defaults: true,
    });
    const v1 = ((grpc.loadPackageDefinition(definition).shop as grpc.GrpcObject).user as grpc.GrpcObject).v1 as grpc.GrpcObject;
    const AuthService = v1.AuthService as grpc.ServiceClientConstructor;
    client = new AuthService(`127.0.0.1:${t.svc.grpcPort}`, grpc.credentials.createInsecure()) as unknown as AuthClient;
  });
  after(async () => {
    client?.close();
    rmSync(deps, { recursive: true, force: true });
    await t?.close();
  });

  void it("grpc-js: registers and logs in over gRPC", async () => {
    const u = uniqueUser("grpc");
    const registered = await call(client.Register, client, u);
    assert.equal(registered.user.username, u.username);
    assert.deepEqual(registered.user.roles, ["ROLE_CUSTOMER"]);
    assert.equal(registered.tokens.token_type, "Bearer");
    const pair = await call(client.Login, client, { login: u.email, password: u.password });
    assert.equal(pair.access_token.split(".").length, 3);
    assert.equal(pair.expires_in, 900);
    assert.ok(pair.refresh_token.length >= 43);
  });

  void it("grpc-js: gets INVALID_ARGUMENT with details for bad input, UNAUTHENTICATED for a wrong password", async () => {
    const bad = await call(client.Register, client, { username: "x", email: "nope", password: "short" }).then(
      () => assert.fail("accepted bad input"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(bad.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(bad.metadata.get("grpc-status-details-bin").length, 1, "carries google.rpc.Status details");
    const u = uniqueUser("grpcbad");
    await call(client.Register, client, u);
    const wrong = await call(client.Login, client, { login: u.username, password: "not the password" }).then(
      () => assert.fail("accepted a wrong password"),
      (e: grpc.ServiceError) => e,
    );
    assert.equal(wrong.code, grpc.status.UNAUTHENTICATED);
  });

  async function postJson(path: string, body: unknown) {
    const res = await fetch(`${t.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  void it("Connect JSON with plain fetch: register, log in, and a wrong password", async () => {
    const u = uniqueUser("curl");
    const registered = await postJson("/shop.user.v1.AuthService/Register", { username: u.username, email: u.email, password: u.password });
    assert.equal(registered.status, 200);
    assert.equal((registered.body.user as { username: string }).username, u.username);
    const login = await postJson("/shop.user.v1.AuthService/Login", { login: u.username, password: u.password });
    assert.equal(login.status, 200);
    assert.equal(login.body.tokenType, "Bearer");
    assert.equal(typeof login.body.accessToken, "string");
    const wrong = await postJson("/shop.user.v1.AuthService/Login", { login: u.username, password: "not the password" });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.code, "unauthenticated");
    const [detail] = wrong.body.details as { type: string; debug: { reason: string } }[];
    assert.equal(detail!.type, "shop.errors.v1.ErrorDetail");
    assert.equal(detail!.debug.reason, "INVALID_CREDENTIALS");
  });

  void it("Connect JSON with plain fetch: malformed JSON and wrong types are 400 invalid_argument", async () => {
    for (const body of ["{not json", JSON.stringify({ login: 42, password: true })]) {
      const res = await postJson("/shop.user.v1.AuthService/Login", body);
      assert.equal(res.status, 400);
      assert.equal(res.body.code, "invalid_argument");
    }
  });
});
