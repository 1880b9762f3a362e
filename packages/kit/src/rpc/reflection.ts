// gRPC server reflection (grpc.reflection.v1 and v1alpha), answered from the protobuf-es
// descriptors of the services the server serves, so grpcurl, Postman or any gRPC client can list
// the services and fetch complete descriptors (with every file they import) without .proto files.
import { create, createRegistry, fromBinary, toBinary, type DescFile, type DescService, type MessageInitShape } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, type ConnectRouter } from "@connectrpc/connect";
import * as v1 from "@shop/contracts/grpc/reflection/v1/reflection_pb.js";
import * as v1alpha from "@shop/contracts/grpc/reflection/v1alpha/reflection_pb.js";

type Answer = MessageInitShape<typeof v1.ServerReflectionResponseSchema>["messageResponse"];

/** Serves both reflection versions on `router`, describing `services` (the reflection ones included). */
export function registerReflection(router: ConnectRouter, services: readonly DescService[]): void {
  const files = new Map<string, DescFile>(); // by file name ("shop/user/v1/auth.proto"), imports included
  const addFile = (file: DescFile) => {
    if (files.has(file.proto.name)) return;
    files.set(file.proto.name, file);
    file.dependencies.forEach(addFile);
  };
  services.forEach((s) => addFile(s.file));
  const registry = createRegistry(...files.values());
  const encoded = new Map([...files].map(([name, file]) => [name, toBinary(FileDescriptorProtoSchema, file.proto)]));

  /** The file declaring a symbol: a type, a service, or a method, field or oneof inside one. */
  const fileOf = (symbol: string): DescFile | undefined => {
    const found = registry.get(symbol);
    if (found) return found.file;
    const dot = symbol.lastIndexOf(".");
    const parent = registry.get(symbol.slice(0, dot));
    const member = symbol.slice(dot + 1);
    if (parent?.kind === "service" && parent.methods.some((m) => m.name === member)) return parent.file;
    if (parent?.kind === "message" && [...parent.fields, ...parent.oneofs].some((f) => f.name === member)) return parent.file;
    return undefined;
  };
  const notFound = (message: string): Answer => ({ case: "errorResponse", value: { errorCode: Code.NotFound, errorMessage: message } });

  /** The file first, then what it imports, leaving out what this stream has already been sent. */
  const withImports = (file: DescFile, sent: Set<string>): Answer => {
    const out: Uint8Array[] = [];
    const visit = (f: DescFile, first: boolean) => {
      if (sent.has(f.proto.name) && !first) return;
      sent.add(f.proto.name);
      out.push(encoded.get(f.proto.name)!);
      f.dependencies.forEach((d) => visit(d, false));
    };
    visit(file, true);
    return { case: "fileDescriptorResponse", value: { fileDescriptorProto: out } };
  };

  const answer = (req: v1.ServerReflectionRequest, sent: Set<string>): Answer => {
    const ask = req.messageRequest;
    switch (ask.case) {
      case "listServices":
        return { case: "listServicesResponse", value: { service: services.map((s) => ({ name: s.typeName })) } };
      case "fileByFilename": {
        const file = files.get(ask.value);
        return file ? withImports(file, sent) : notFound(`no file named ${ask.value}`);
      }
      case "fileContainingSymbol": {
        const file = fileOf(ask.value);
        return file ? withImports(file, sent) : notFound(`no symbol named ${ask.value}`);
      }
      case "fileContainingExtension": {
        const extendee = registry.getMessage(ask.value.containingType);
        const ext = extendee && registry.getExtensionFor(extendee, ask.value.extensionNumber);
        return ext ? withImports(ext.file, sent) : notFound(`no extension ${ask.value.extensionNumber} of ${ask.value.containingType}`);
      }
      case "allExtensionNumbersOfType": {
        if (!registry.getMessage(ask.value)) return notFound(`no message type named ${ask.value}`);
        const numbers = [...registry].flatMap((d) => (d.kind === "extension" && d.extendee.typeName === ask.value ? [d.number] : []));
        return { case: "allExtensionNumbersResponse", value: { baseTypeName: ask.value, extensionNumber: numbers } };
      }
      case undefined:
        return { case: "errorResponse", value: { errorCode: Code.InvalidArgument, errorMessage: "the request asks for nothing" } };
    }
  };

  router.service(v1.ServerReflection, {
    async *serverReflectionInfo(requests) {
      const sent = new Set<string>();
      for await (const req of requests) {
        yield { validHost: req.host, originalRequest: req, messageResponse: answer(req, sent) };
      }
    },
  });
  // v1alpha has the same messages under another package: same wire format, so convert through it.
  router.service(v1alpha.ServerReflection, {
    async *serverReflectionInfo(requests) {
      const sent = new Set<string>();
      for await (const alpha of requests) {
        const req = fromBinary(v1.ServerReflectionRequestSchema, toBinary(v1alpha.ServerReflectionRequestSchema, alpha));
        const res = create(v1.ServerReflectionResponseSchema, { validHost: req.host, originalRequest: req, messageResponse: answer(req, sent) });
        yield fromBinary(v1alpha.ServerReflectionResponseSchema, toBinary(v1.ServerReflectionResponseSchema, res));
      }
    },
  });
}
