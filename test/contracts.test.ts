// Generated code is committed and never edited: generating again must give the same files.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";
import { getOption } from "@bufbuild/protobuf";
import { events, httpRule, options, services } from "@shop/contracts";
import { assertTopic } from "@shop/kit/bus/topics";
import { generate, generatedDir } from "../scripts/generate.ts";
import { repoRoot } from "../scripts/proto-deps.ts";

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

void test("regenerating the contracts changes nothing", () => {
  const tmp = mkdtempSync(join(tmpdir(), "shop-gen-"));
  try {
    generate(tmp);
    const fresh = files(join(tmp, generatedDir));
    const committed = files(join(repoRoot, generatedDir));
    assert.deepEqual([...fresh.keys()].sort(), [...committed.keys()].sort(), "the set of generated files differs: run npm run generate");
    for (const [name, text] of fresh) assert.equal(committed.get(name), text, `${name} differs from a fresh generation: run npm run generate`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

void test("every RPC declares who may call it, and every routed RPC is public, user or admin", () => {
  for (const desc of Object.values(services).flat()) {
    for (const method of desc.methods) {
      const access = getOption(method, options.access);
      assert.notEqual(access, options.Access.UNSPECIFIED, `${desc.typeName}.${method.name} has no (shop.options.v1.access)`);
      if (getOption(method, httpRule).pattern.case) {
        assert.notEqual(access, options.Access.INTERNAL, `${desc.typeName}.${method.name} is internal but has an HTTP route`);
      }
    }
  }
});

void test("every event message declares its topic, and the events table lists each of them once", () => {
  const listed = Object.values(events);
  const onDisk = readdirSync(join(repoRoot, "proto/shop")).flatMap((pkg) =>
    readdirSync(join(repoRoot, "proto/shop", pkg, "v1"))
      .filter((f) => f === "events.proto")
      .map((f) => `shop/${pkg}/v1/${f}`),
  );
  const files = new Map(listed.map((e) => [e.schema.file.name + ".proto", e.schema.file]));
  assert.deepEqual([...files.keys()].sort(), onDisk.sort(), "a proto/shop/*/v1/events.proto is missing from packages/contracts/src/events.ts");
  const messages = [...files.values()].flatMap((f) => f.messages);
  assert.deepEqual(messages.map((m) => m.typeName).sort(), listed.map((e) => e.schema.typeName).sort(), "an event message is missing from the events table");
  for (const e of listed) {
    assert.equal(getOption(e.schema, options.topic), e.topic);
    assert.doesNotThrow(() => assertTopic(e.topic), e.schema.typeName);
  }
  assert.equal(new Set(listed.map((e) => e.topic)).size, listed.length, "two events share a topic");
});
