// The OpenAPI document's schemas follow the proto3 JSON mapping and the protovalidate rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { services } from "@shop/contracts";
import { buildOpenApi } from "../src/openapi/document.ts";
import { grayOpenApiPaths } from "../src/gray/openapi.ts";
import { carrierPaths } from "../src/providers/carrier-routes.ts";
import { filePaths } from "../src/providers/files-openapi.ts";
import { providerPaths } from "../src/providers/openapi.ts";
import { scanComments } from "../src/openapi/comments.ts";
import { buildRoutes } from "../src/routes/table.ts";

type S = Record<string, unknown> & { properties: Record<string, Record<string, unknown>>; required?: string[] };
const doc = buildOpenApi(buildRoutes(services)) as {
  paths: Record<string, Record<string, Record<string, unknown> & { requestBody?: { content: { "application/json": { schema: S } } } }>>;
  components: { schemas: Record<string, S> };
};
const schema = (name: string) => doc.components.schemas[`shop.user.v1.${name}`]!;

void test("the document is valid OpenAPI 3.1 and every $ref resolves", async () => {
  const validator = new Validator();
  const res = await validator.validate(structuredClone(doc));
  assert.ok(res.valid, JSON.stringify(res.errors, null, 2));
  assert.equal(validator.version, "3.1");
  assert.doesNotThrow(() => validator.resolveRefs());
});

void test("with the payment providers', the carriers', the images' and the gray release routes the document is still valid OpenAPI 3.1", async () => {
  const withProviders = structuredClone(doc) as typeof doc & { paths: Record<string, unknown> };
  Object.assign(
    withProviders.paths,
    structuredClone(providerPaths),
    structuredClone(carrierPaths),
    filePaths(10 * 1024 * 1024),
    structuredClone(grayOpenApiPaths),
  );
  const res = await new Validator().validate(withProviders);
  assert.ok(res.valid, JSON.stringify(res.errors, null, 2));
});

void test("messages use lowerCamel JSON names, enums by name, Timestamp as date-time", () => {
  const user = schema("User");
  assert.deepEqual(Object.keys(user.properties), ["id", "username", "email", "displayName", "roles", "createdAt", "updatedAt"]);
  assert.deepEqual(user.properties.createdAt, { type: "string", format: "date-time" });
  assert.deepEqual(user.properties.roles, { type: "array", items: { $ref: "#/components/schemas/shop.user.v1.Role" } });
  assert.deepEqual(doc.components.schemas["shop.user.v1.Role"]!.enum, ["ROLE_UNSPECIFIED", "ROLE_CUSTOMER", "ROLE_ADMIN"]);
  assert.deepEqual(schema("TokenPair").properties.expiresIn, { type: "integer", format: "int32", description: "Seconds until the access token expires." });
});

void test("required: always-present fields of answers, fields a request must carry; proto3 optional never", () => {
  assert.deepEqual(schema("User").required, ["id", "username", "email", "displayName", "roles"]);
  assert.deepEqual(schema("RegisterRequest").required, ["username", "email", "password"], "an email format refuses the empty string");
  assert.deepEqual(schema("CreateAddressRequest").required, ["recipientName", "phone", "countryCode", "city", "line1"]);
  assert.equal(schema("UpdateMeRequest").required, undefined);
  assert.deepEqual(schema("SetUserRolesRequest").required, ["userId", "roles"]);
});

void test("protovalidate limits become JSON Schema limits", () => {
  assert.deepEqual(schema("RegisterRequest").properties.username, { type: "string", minLength: 3, maxLength: 32, pattern: "^[A-Za-z0-9_.-]+$" });
  assert.deepEqual(schema("RegisterRequest").properties.email, { type: "string", maxLength: 254, format: "email" });
  assert.deepEqual(schema("ListUsersRequest").properties.pageSize, {
    type: "integer",
    format: "int32",
    minimum: 0,
    maximum: 100,
    description: "At most 100; 0 means 20.",
  });
  assert.deepEqual(schema("SetUserRolesRequest").properties.roles, {
    type: "array",
    items: { type: "string", enum: ["ROLE_CUSTOMER", "ROLE_ADMIN"] },
    minItems: 1,
    maxItems: 8,
    uniqueItems: true,
  });
});

void test("operations: ids, tags, summaries, parameters, bodies without path fields, security, errors", () => {
  const update = doc.paths["/api/v1/users/me/addresses/{address_id}"]!.patch!;
  assert.equal(update.operationId, "AddressService_UpdateAddress");
  assert.deepEqual(update.tags, ["AddressService"]);
  assert.deepEqual(update.security, [{ bearer: [] }]);
  const params = update.parameters as { name: string; in: string; required: boolean }[];
  assert.deepEqual(
    params.map((p) => [p.name, p.in, p.required]),
    [
      ["address_id", "path", true],
      ["Idempotency-Key", "header", false],
    ],
  );
  const body = update.requestBody!.content["application/json"].schema;
  assert.ok(!("addressId" in body.properties), "the path field is not part of the body schema");
  assert.ok("city" in body.properties);
  const responses = update.responses as Record<string, unknown>;
  assert.deepEqual(Object.keys(responses), ["200", "400", "401", "404", "429", "default"]);

  const list = doc.paths["/api/v1/admin/users"]!.get!;
  assert.deepEqual(
    (list.parameters as { name: string }[]).map((p) => p.name),
    ["pageSize", "pageToken", "query"],
  );
  assert.ok("403" in (list.responses as object));
  assert.ok(!("304" in (list.responses as object)), "signed-in answers are not cached");
  const categories = doc.paths["/api/v1/categories"]!.get!;
  assert.deepEqual(
    (categories.parameters as { name: string; in: string }[]).map((p) => [p.name, p.in]),
    [["If-None-Match", "header"]],
  );
  const cached = categories.responses as Record<string, { headers?: Record<string, unknown> }>;
  assert.deepEqual(Object.keys(cached["304"]!.headers!), ["ETag", "Cache-Control"]);
  assert.deepEqual(Object.keys(cached["200"]!.headers!), ["ETag", "Cache-Control"]);
  const login = doc.paths["/api/v1/auth/login"]!.post!;
  assert.equal(login.summary, "Exchanges a username or email and password for a token pair.");
  assert.deepEqual(login.security, []);
});

void test("the comment scanner keys comments by full name and ignores braces in strings", () => {
  const found = scanComments(
    [
      'syntax = "proto3";',
      "// The svc.",
      "service S {",
      "  // Does it.",
      '  rpc Do(A) returns (B) { option (x) = {get: "/a/{id}"}; }',
      "}",
      "message A {",
      "  // The id.",
      "  string id = 1;",
      "  // Nested.",
      "  message N {",
      "    // Deep.",
      "    repeated int32 v = 1;",
      "  }",
      "}",
    ].join("\n"),
    "p.v1",
  );
  assert.deepEqual(Object.fromEntries(found), {
    "p.v1.S": "The svc.",
    "p.v1.S.Do": "Does it.",
    "p.v1.A.id": "The id.",
    "p.v1.A.N": "Nested.",
    "p.v1.A.N.v": "Deep.",
  });
});
