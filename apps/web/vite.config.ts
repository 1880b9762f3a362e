// The web app's build: one bundle for the storefront's first page, the rest split by route (lazy
// pages), served by the gateway from dist/. `source` resolves the contracts workspace to its
// TypeScript, as the services' own runs do, so the UI types come straight from the generated code.
import { create, toBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { base64Encode } from "@bufbuild/protobuf/wire";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The contracts import buf/validate/validate.proto only for their input rules, which the gateway and
// the services enforce; the browser never reads them. Its descriptor is ~70 KB, more than all of
// Shop's own, so the bundle gets an empty file of the same name in its place.
const validateModule = "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
function emptyValidateDescriptor(): Plugin {
  const id = "\0empty-validate-descriptor";
  const file = create(FileDescriptorProtoSchema, { name: "buf/validate/validate.proto", package: "buf.validate", syntax: "proto2" });
  const b64 = base64Encode(toBinary(FileDescriptorProtoSchema, file));
  return {
    name: "empty-validate-descriptor",
    enforce: "pre",
    resolveId: (source) => (source === validateModule ? id : null),
    load: (loaded) =>
      loaded === id
        ? `import { fileDesc } from "@bufbuild/protobuf/codegenv2";\nexport const file_buf_validate_validate = /*@__PURE__*/ fileDesc(${JSON.stringify(b64)});\n`
        : null,
  };
}

export default defineConfig({
  plugins: [emptyValidateDescriptor(), react()],
  resolve: { conditions: ["source", "browser", "module", "import", "default"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022", chunkSizeWarningLimit: 600 },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/files": "http://127.0.0.1:8080", "/sandbox": "http://127.0.0.1:8080" } },
});
