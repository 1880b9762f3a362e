// Rules every text field obeys whatever its proto says: PostgreSQL text cannot hold U+0000, so
// a NUL byte is refused at the door instead of failing deep in a query.
import { ScalarType, type DescMessage, type Message } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";

function walk(msg: ReflectMessage, path: string): string | undefined {
  for (const field of msg.fields) {
    if (!msg.isSet(field)) continue;
    const at = path ? `${path}.${field.jsonName}` : field.jsonName;
    if (field.fieldKind === "scalar" && field.scalar === ScalarType.STRING) {
      const value: unknown = msg.get(field);
      if (typeof value === "string" && value.includes("\0")) return at;
    } else if (field.fieldKind === "list" && field.listKind === "scalar" && field.scalar === ScalarType.STRING) {
      for (const v of msg.get(field)) if ((v as string).includes("\0")) return at;
    } else if (field.fieldKind === "list" && field.listKind === "message") {
      for (const v of msg.get(field)) {
        const found = walk(v as ReflectMessage, at);
        if (found) return found;
      }
    } else if (field.fieldKind === "message") {
      const found = walk(msg.get(field), at);
      if (found) return found;
    } else if (field.fieldKind === "map" && field.mapKind === "scalar" && field.scalar === ScalarType.STRING) {
      for (const [k, v] of msg.get(field)) if (String(k).includes("\0") || (v as string).includes("\0")) return at;
    }
  }
  return undefined;
}

/** The path (JSON names, as clients send them) of the first text field holding a NUL character. */
export function fieldWithNul(schema: DescMessage, message: Message): string | undefined {
  return walk(reflect(schema, message), "");
}
