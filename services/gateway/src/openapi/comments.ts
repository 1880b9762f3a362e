// Leading comments of the proto sources, keyed by full name ("shop.user.v1.AuthService.Login",
// "shop.user.v1.ListUsersRequest.page_size"). The generated descriptors carry no source info, so
// the .proto files are read when present; without them the document simply has no descriptions.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const protoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../../../proto");

const strings = /"(?:[^"\\]|\\.)*"/g;

/** A deliberately small scanner for Shop's own proto style: one declaration per line. */
export function scanComments(source: string, pkg: string): Map<string, string> {
  const found = new Map<string, string>();
  const scopes: (string | undefined)[] = [];
  let pending: string[] = [];
  for (const raw of source.split("\n")) {
    const comment = /^\s*\/\/\s?(.*)$/.exec(raw);
    if (comment) {
      pending.push(comment[1]!.trimEnd());
      continue;
    }
    // Braces inside string literals ("/users/{id}", "{2}") must not count as scopes.
    const line = raw.replace(strings, '""').trim();
    const named = scopes.filter((s): s is string => s !== undefined);
    const prefix = [pkg, ...named].join(".");
    const decl = /^(service|message|enum)\s+(\w+)/.exec(line) ?? /^(rpc)\s+(\w+)/.exec(line);
    const field = /^(?:optional\s+|repeated\s+)?[\w.]+(?:<[\w., ]+>)?\s+(\w+)\s*=\s*\d+/.exec(line);
    const name = decl?.[2] ?? field?.[1];
    if (name && pending.length) found.set(`${prefix}.${name}`, pending.join("\n").trim());
    pending = [];
    const opens = (line.match(/\{/g) ?? []).length;
    const closes = (line.match(/\}/g) ?? []).length;
    for (let i = 0; i < opens; i++) scopes.push(i === 0 && decl && decl[1] !== "rpc" ? decl[2] : undefined);
    for (let i = 0; i < closes; i++) scopes.pop();
  }
  return found;
}

/** Comments of the given proto files (paths relative to proto/, as in a descriptor's file name). */
export function loadComments(files: Iterable<{ name: string; proto: { package: string } }>): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of files) {
    const path = join(protoRoot, `${file.name}.proto`);
    if (!existsSync(path)) continue;
    for (const [k, v] of scanComments(readFileSync(path, "utf8"), file.proto.package)) all.set(k, v);
  }
  return all;
}
