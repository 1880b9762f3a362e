// The standard gRPC tooling on a real service's gRPC port, used by foreign clients only: server
// reflection (grpc-js-reflection-client, and grpc-js speaking the v1 protocol by hand) and
// grpc.health.v1 (the definition grpc-health-check ships), down to NOT_SERVING while it drains.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { service as healthService } from "grpc-health-check";
import { GrpcReflection } from "grpc-js-reflection-client";
import { startUserService, uniqueUser, type TestService } from "./helpers.ts";

const require = createRequire(import.meta.url);
const insecure = grpc.credentials.createInsecure();

type Callback<Res> = (err: grpc.ServiceError | null, res?: Res) => void;
type Unary<Req, Res> = (req: Req, callback: Callback<Res>) => grpc.ClientUnaryCall;
/** A client of a dynamically loaded service, typed by what the test calls on it. */
const dial = <C extends object>(Ctor: grpc.ServiceClientConstructor, address: string) => new Ctor(address, insecure) as unknown as grpc.Client & C;
const call = <Req, Res>(client: grpc.Client, method: Unary<Req, Res>, req: Req) =>
  new Promise<Res>((resolve, reject) => void method.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));

interface HealthClient {
  Check: Unary<{ service: string }, { status: string }>;
  Watch(req: { service: string }): grpc.ClientReadableStream<{ status: string }>;
}

interface ReflectionAnswer {
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  all_extension_numbers_response?: { base_type_name: string; extension_number: number[] };
  list_services_response?: { service: { name: string }[] };
  error_response?: { error_code: number; error_message: string };
}

/** grpc.reflection.v1 by hand: one bidi stream, one request at a time, as grpcurl does. */
function reflectionV1(address: string) {
  const protoFile = join(dirname(require.resolve("@grpc/reflection/package.json")), "build/proto/grpc/reflection/v1/reflection.proto");
  const def = protoLoader.loadSync(protoFile, { keepCase: true, defaults: true, oneofs: true });
  const v1 = ((grpc.loadPackageDefinition(def).grpc as grpc.GrpcObject).reflection as grpc.GrpcObject).v1 as grpc.GrpcObject;
  const client = dial<{ ServerReflectionInfo(): grpc.ClientDuplexStream<object, ReflectionAnswer> }>(
    v1.ServerReflection as grpc.ServiceClientConstructor,
    address,
  );
  const stream = client.ServerReflectionInfo();
  const waiting: { resolve(a: ReflectionAnswer): void; reject(e: Error): void }[] = [];
  stream.on("data", (a: ReflectionAnswer) => waiting.shift()?.resolve(a));
  stream.on("error", (e: Error) => waiting.splice(0).forEach((w) => w.reject(e)));
  return {
    ask: (req: object) => new Promise<ReflectionAnswer>((resolve, reject) => void (waiting.push({ resolve, reject }), stream.write(req))),
    close() {
      stream.end();
      client.close();
    },
  };
}

void describe("user service: standard gRPC tooling", () => {
  let t: TestService;
  let address: string;
  before(async () => {
    t = await startUserService();
    address = `127.0.0.1:${t.svc.grpcPort}`;
  });
  after(async () => {
    await t?.close();
  });

  void it("reflection (v1alpha, grpc-js-reflection-client): lists the services, and a client built from the reflected descriptor works", async () => {
    const reflection = new GrpcReflection(address, insecure);
    const names = await reflection.listServices();
    for (const name of [
      "shop.user.v1.AuthService",
      "shop.user.v1.AccountService",
      "shop.user.v1.AddressService",
      "shop.user.v1.AdminUserService",
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
    ]) {
      assert.ok(names.includes(name), `${name} is listed: ${names.join(", ")}`);
    }
    const descriptor = await reflection.getDescriptorBySymbol("shop.user.v1.AuthService");
    const pkg = descriptor.getPackageObject({ keepCase: true, enums: String, longs: String, defaults: true });
    const Auth = (((pkg.shop as grpc.GrpcObject).user as grpc.GrpcObject).v1 as grpc.GrpcObject).AuthService as grpc.ServiceClientConstructor;
    const auth = dial<{ Register: Unary<object, { user: { username: string; roles: string[] }; tokens: { token_type: string } }> }>(Auth, address);
    try {
      const u = uniqueUser("reflected");
      const registered = await call(auth, auth.Register, u);
      assert.equal(registered.user.username, u.username);
      assert.deepEqual(registered.user.roles, ["ROLE_CUSTOMER"]);
      assert.equal(registered.tokens.token_type, "Bearer");
    } finally {
      auth.close();
    }
  });

  void it("reflection (v1, grpc-js by hand): files with every import, symbols, extensions, NOT_FOUND; the reflected files drive a client", async () => {
    const reflection = reflectionV1(address);
    try {
      const files = async (req: object) => {
        const answer = await reflection.ask(req);
        assert.ok(answer.file_descriptor_response, `a file answer to ${JSON.stringify(req)}: ${JSON.stringify(answer.error_response)}`);
        return answer.file_descriptor_response.file_descriptor_proto.map((b) => fromBinary(FileDescriptorProtoSchema, b));
      };
      const listed = await reflection.ask({ list_services: "" });
      assert.ok(listed.list_services_response?.service.some((s) => s.name === "shop.user.v1.AuthService"));

      const auth = await files({ file_by_filename: "shop/user/v1/auth.proto" });
      const names = auth.map((f) => f.name);
      assert.equal(names[0], "shop/user/v1/auth.proto");
      for (const dep of [
        "shop/user/v1/user.proto",
        "shop/options/v1/access.proto",
        "google/api/annotations.proto",
        "google/api/http.proto",
        "buf/validate/validate.proto",
        "google/protobuf/descriptor.proto",
      ]) {
        assert.ok(names.includes(dep), `${dep} comes with auth.proto: ${names.join(", ")}`);
      }
      for (const f of auth) for (const dep of f.dependency) assert.ok(names.includes(dep), `${f.name} imports ${dep}, which was sent too`);

      // The same stream does not send a file twice: AccountService's file comes alone with what is new.
      const account = await files({ file_containing_symbol: "shop.user.v1.AccountService" });
      assert.equal(account[0]!.name, "shop/user/v1/account.proto");
      assert.ok(!account.some((f) => f.name === "google/protobuf/descriptor.proto"), "already sent on this stream");

      const fileOf = async (symbol: string) => (await files({ file_containing_symbol: symbol }))[0]!.name;
      assert.equal(await fileOf("shop.user.v1.AuthService.Login"), "shop/user/v1/auth.proto"); // a method
      assert.equal(await fileOf("shop.user.v1.LoginRequest"), "shop/user/v1/auth.proto"); // a message
      assert.equal(await fileOf("shop.user.v1.LoginRequest.login"), "shop/user/v1/auth.proto"); // a field
      assert.equal(await fileOf("shop.options.v1.Access"), "shop/options/v1/access.proto"); // an enum
      assert.equal(await fileOf("grpc.health.v1.HealthCheckResponse.ServingStatus"), "grpc/health/v1/health.proto"); // nested
      assert.equal(await fileOf("google.protobuf.FieldDescriptorProto.Type"), "google/protobuf/descriptor.proto");

      assert.equal(
        (await files({ file_containing_extension: { containing_type: "google.protobuf.MethodOptions", extension_number: 72295728 } }))[0]!.name,
        "google/api/annotations.proto",
      );
      const numbers = await reflection.ask({ all_extension_numbers_of_type: "google.protobuf.MethodOptions" });
      assert.equal(numbers.all_extension_numbers_response?.base_type_name, "google.protobuf.MethodOptions");
      assert.deepEqual(
        [...numbers.all_extension_numbers_response.extension_number].sort((a, b) => a - b),
        [50001, 72295728],
        "shop access and google.api.http",
      );

      for (const req of [
        { file_containing_symbol: "shop.nope.v1.Nothing" },
        { file_by_filename: "nope.proto" },
        { all_extension_numbers_of_type: "shop.nope.v1.Nothing" },
        { file_containing_extension: { containing_type: "google.protobuf.MethodOptions", extension_number: 1 } },
      ]) {
        const answer = await reflection.ask(req);
        assert.equal(answer.error_response?.error_code, grpc.status.NOT_FOUND, JSON.stringify(req));
      }

      // protobufjs (through proto-loader) builds a working client from the reflected files alone.
      const set = toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: [...auth, ...account] as FileDescriptorProto[] }));
      const pkg = grpc.loadPackageDefinition(protoLoader.loadFileDescriptorSetFromBuffer(Buffer.from(set), { keepCase: true }));
      const Auth = (((pkg.shop as grpc.GrpcObject).user as grpc.GrpcObject).v1 as grpc.GrpcObject).AuthService as grpc.ServiceClientConstructor;
      const client = dial<{ Login: Unary<object, unknown> }>(Auth, address);
      try {
        const refused = await call(client, client.Login, { login: "nobody-here", password: "not the password" }).then(
          () => assert.fail("logged in as nobody"),
          (e: grpc.ServiceError) => e,
        );
        assert.equal(refused.code, grpc.status.UNAUTHENTICATED);
      } finally {
        client.close();
      }
    } finally {
      reflection.close();
    }
  });

  void it("health: Check answers SERVING for the server and each service, NOT_FOUND for an unknown name, on both listeners", async () => {
    const Health = grpc.makeGenericClientConstructor(healthService, "Health");
    const health = dial<HealthClient>(Health, address);
    try {
      assert.equal((await call(health, health.Check, { service: "" })).status, "SERVING");
      assert.equal((await call(health, health.Check, { service: "shop.user.v1.AuthService" })).status, "SERVING");
      const unknown = await call(health, health.Check, { service: "shop.nope.v1.Nothing" }).then(
        () => assert.fail("an unknown service was checked"),
        (e: grpc.ServiceError) => e,
      );
      assert.equal(unknown.code, grpc.status.NOT_FOUND);
    } finally {
      health.close();
    }
    // Plain Connect JSON on the HTTP/1.1 port, as curl would.
    const res = await fetch(`${t.baseUrl}/grpc.health.v1.Health/Check`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "SERVING" });
  });

  void it("health: Watch says SERVICE_UNKNOWN for an unknown name, and NOT_SERVING once the service drains", async () => {
    const Health = grpc.makeGenericClientConstructor(healthService, "Health");
    const health = dial<HealthClient>(Health, address);
    const watch = (service: string) => {
      const seen: string[] = [];
      const stream = health.Watch({ service });
      const ended = new Promise<void>((resolve) => {
        stream.on("data", (m: { status: string }) => seen.push(m.status));
        stream.on("end", resolve);
        stream.on("error", () => resolve());
      });
      return { seen, stream, ended, first: new Promise<void>((resolve) => stream.once("data", () => resolve())) };
    };
    try {
      const unknown = watch("shop.nope.v1.Nothing");
      const server = watch("");
      await Promise.all([unknown.first, server.first]);
      assert.deepEqual(unknown.seen, ["SERVICE_UNKNOWN"]);
      assert.deepEqual(server.seen, ["SERVING"]);
      const exited = t.svc.stop(); // SIGTERM: the service drains, then closes
      await server.ended;
      assert.deepEqual(server.seen, ["SERVING", "NOT_SERVING"]);
      assert.equal(await exited, 0);
      await unknown.ended;
    } finally {
      health.close();
    }
  });
});
