// Gray release in the balanced client: a call carrying a version pick goes to instances of that
// version (or of any other), balanced among them, and falls back to the rest when none can take it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createContextValues } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { createServiceClient, createServiceTransport } from "@shop/kit/rpc/client";
import { versionPickKey, type VersionPick } from "@shop/kit/rpc/version-pick";
import { createListRegistry, startAuthServer } from "./helpers/auth-server.ts";

async function threeInstances() {
  const hits: Record<string, number> = { s0: 0, c1: 0, c2: 0 };
  const servers = await Promise.all(
    Object.keys(hits).map((id) =>
      startAuthServer(id, {
        getJwks: () => {
          hits[id]!++;
          return { keys: [] };
        },
      }),
    ),
  );
  // s0 registered no version (an older process): it reads as "stable".
  const instances = servers.map((s) => (s.instance.id === "s0" ? s.instance : { ...s.instance, version: "canary" }));
  const transport = createServiceTransport("user", createListRegistry(instances), { timeoutMs: 5000 });
  const client = createServiceClient(userv1.AuthService, transport);
  const callWith = async (pick: VersionPick | undefined) => {
    await client.getJwks({}, { contextValues: createContextValues().set(versionPickKey, pick) });
    return pick;
  };
  const close = async () => {
    transport.close();
    await Promise.all(servers.map((s) => s.close().catch(() => undefined))); // some a test closed already
  };
  return { hits, servers, callWith, close };
}

void test("a pick keeps calls on its side, balanced there, and reports the version that answered", async () => {
  const { hits, callWith, close } = await threeInstances();
  for (let i = 0; i < 10; i++) {
    const pick = await callWith({ version: "canary", on: true });
    assert.deepEqual(pick, { version: "canary", on: true, servedVersion: "canary", fallback: false });
  }
  assert.deepEqual(hits, { s0: 0, c1: 5, c2: 5 });
  for (let i = 0; i < 4; i++) assert.equal((await callWith({ version: "canary", on: false }))?.servedVersion, "stable");
  assert.equal(hits.s0, 4);
  // Without a pick (service-to-service calls) every version takes calls.
  for (let i = 0; i < 6; i++) await callWith(undefined);
  assert.deepEqual(hits, { s0: 6, c1: 7, c2: 7 });
  await close();
});

void test("with no live instance of the wanted version the others answer, marked as a fallback", async () => {
  const { hits, servers, callWith, close } = await threeInstances();
  await Promise.all(servers.filter((s) => s.instance.id !== "s0").map((s) => s.close()));
  const pick = await callWith({ version: "canary", on: true });
  assert.deepEqual(pick, { version: "canary", on: true, servedVersion: "stable", fallback: true });
  assert.equal(hits.s0, 1);
  await close();
});
