// Writes the third-party .proto files our contracts import into one include folder, straight from
// the npm packages that own them, so nothing is copied by hand and versions follow package.json.
import { mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { printProto2 } from "./print-proto.ts";
import { file_buf_validate_validate } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";

const require = createRequire(import.meta.url);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const protoDir = join(repoRoot, "proto");
export const depsDir = join(repoRoot, "build", "proto-deps");

const googleApiFiles = ["google/api/annotations.proto", "google/api/http.proto"];
// The standard gRPC tooling every service serves (kit/src/rpc/grpc-tooling.ts): where each proto
// lies in its package, and the path its own package name asks for.
const grpcToolingFiles = [
  { pkg: "@grpc/reflection", from: "build/proto/grpc/reflection/v1/reflection.proto", to: "grpc/reflection/v1/reflection.proto" },
  { pkg: "@grpc/reflection", from: "build/proto/grpc/reflection/v1alpha/reflection.proto", to: "grpc/reflection/v1alpha/reflection.proto" },
  { pkg: "grpc-health-check", from: "proto/health/v1/health.proto", to: "grpc/health/v1/health.proto" },
];

export function writeProtoDeps(dir: string = depsDir): string {
  const googleRoot = dirname(require.resolve("google-proto-files/package.json"));
  for (const file of googleApiFiles) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(googleRoot, file), join(dir, file));
  }
  for (const { pkg, from, to } of grpcToolingFiles) {
    mkdirSync(dirname(join(dir, to)), { recursive: true });
    copyFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), from), join(dir, to));
  }
  // @bufbuild/protovalidate ships validate.proto only as an embedded descriptor; print it back to
  // source. Its options (CEL rules on the rule fields) are dropped: the runtime uses its own copy.
  const validate = join(dir, "buf/validate/validate.proto");
  mkdirSync(dirname(validate), { recursive: true });
  writeFileSync(validate, printProto2(file_buf_validate_validate.proto));
  return dir;
}
