// JSON Schema (OpenAPI 3.1) for messages and enums in the proto3 JSON mapping: lowerCamel names,
// 64-bit integers as strings, enums by name, Timestamp as a date-time string. String, number and
// list limits of protovalidate rules become minLength/maxLength/pattern/minimum/... .
import { create, getOption, ScalarType, type DescEnum, type DescField, type DescMessage } from "@bufbuild/protobuf";
import { FeatureSet_FieldPresence } from "@bufbuild/protobuf/wkt";
import { createValidator } from "@bufbuild/protovalidate";
import { field as validateRules, type FieldRules } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";

export type Schema = Record<string, unknown>;

export const refTo = (typeName: string) => ({ $ref: `#/components/schemas/${typeName}` });

const int64 = { type: "string", format: "int64", pattern: "^-?[0-9]+$" };

const scalarSchemas: Record<ScalarType, Schema> = {
  [ScalarType.DOUBLE]: { type: "number", format: "double" },
  [ScalarType.FLOAT]: { type: "number", format: "float" },
  [ScalarType.INT64]: int64,
  [ScalarType.UINT64]: { ...int64, format: "uint64", pattern: "^[0-9]+$" },
  [ScalarType.INT32]: { type: "integer", format: "int32" },
  [ScalarType.FIXED64]: { ...int64, format: "uint64", pattern: "^[0-9]+$" },
  [ScalarType.FIXED32]: { type: "integer", format: "uint32", minimum: 0 },
  [ScalarType.BOOL]: { type: "boolean" },
  [ScalarType.STRING]: { type: "string" },
  [ScalarType.BYTES]: { type: "string", contentEncoding: "base64" },
  [ScalarType.UINT32]: { type: "integer", format: "uint32", minimum: 0 },
  [ScalarType.SFIXED32]: { type: "integer", format: "int32" },
  [ScalarType.SFIXED64]: int64,
  [ScalarType.SINT32]: { type: "integer", format: "int32" },
  [ScalarType.SINT64]: int64,
};

// Well-known types have their own JSON forms; they are inlined, never components.
const wellKnown: Record<string, Schema> = {
  "google.protobuf.Timestamp": { type: "string", format: "date-time" },
  "google.protobuf.Duration": { type: "string", pattern: "^-?[0-9]+(\\.[0-9]{1,9})?s$" },
  "google.protobuf.FieldMask": { type: "string" },
  "google.protobuf.Struct": { type: "object" },
  "google.protobuf.Value": {},
  "google.protobuf.ListValue": { type: "array" },
  "google.protobuf.Empty": { type: "object" },
  "google.protobuf.Any": { type: "object", properties: { "@type": { type: "string" } }, required: ["@type"] },
  "google.protobuf.StringValue": { type: "string" },
  "google.protobuf.BytesValue": scalarSchemas[ScalarType.BYTES],
  "google.protobuf.BoolValue": { type: "boolean" },
  "google.protobuf.Int32Value": scalarSchemas[ScalarType.INT32],
  "google.protobuf.UInt32Value": scalarSchemas[ScalarType.UINT32],
  "google.protobuf.Int64Value": int64,
  "google.protobuf.UInt64Value": scalarSchemas[ScalarType.UINT64],
  "google.protobuf.FloatValue": scalarSchemas[ScalarType.FLOAT],
  "google.protobuf.DoubleValue": scalarSchemas[ScalarType.DOUBLE],
};

export const isWellKnown = (m: DescMessage) => Object.hasOwn(wellKnown, m.typeName);

export function enumSchema(e: DescEnum, description?: string): Schema {
  return { type: "string", enum: e.values.map((v) => v.name), ...(description ? { description } : {}) };
}

const messageRef = (m: DescMessage): Schema => (isWellKnown(m) ? { ...wellKnown[m.typeName] } : refTo(m.typeName));

type Bounds = {
  lessThan: { case: "lt" | "lte"; value: number } | { case: undefined };
  greaterThan: { case: "gt" | "gte"; value: number } | { case: undefined };
};

function bounds(r: Bounds): Schema {
  const s: Schema = {};
  if (r.lessThan.case === "lt") s.exclusiveMaximum = r.lessThan.value;
  if (r.lessThan.case === "lte") s.maximum = r.lessThan.value;
  if (r.greaterThan.case === "gt") s.exclusiveMinimum = r.greaterThan.value;
  if (r.greaterThan.case === "gte") s.minimum = r.greaterThan.value;
  return s;
}

const stringFormats: Record<string, string> = { email: "email", uuid: "uuid", uri: "uri", hostname: "hostname", ipv4: "ipv4", ipv6: "ipv6" };

const numberRuleCases = new Set(["int32", "uint32", "sint32", "fixed32", "sfixed32", "float", "double"]);

/** What a single value's protovalidate rules say in JSON Schema terms (64-bit numbers are strings: no bounds). */
function valueRules(rules: FieldRules | undefined, e?: DescEnum): Schema {
  const t = rules?.type;
  if (t?.case === "string") {
    const r = t.value;
    const s: Schema = {};
    if (r.len > 0n) s.minLength = s.maxLength = Number(r.len);
    if (r.minLen > 0n) s.minLength = Number(r.minLen);
    if (r.maxLen > 0n) s.maxLength = Number(r.maxLen);
    if (r.pattern) s.pattern = r.pattern;
    if (r.in.length) s.enum = [...r.in];
    const format = r.wellKnown.case ? stringFormats[r.wellKnown.case] : undefined;
    if (format) s.format = format;
    return s;
  }
  if (t?.case === "enum" && e) {
    // Allowed names spelled out, so clients see that e.g. ROLE_UNSPECIFIED is refused.
    const notIn = new Set(t.value.notIn);
    const only = t.value.in.length ? new Set(t.value.in) : undefined;
    return { enum: e.values.filter((v) => !notIn.has(v.number) && (!only || only.has(v.number))).map((v) => v.name) };
  }
  if (t?.case && numberRuleCases.has(t.case)) return bounds(t.value as Bounds);
  return {};
}

export function fieldSchema(f: DescField, description: string | undefined): Schema {
  const rules = getOption(f, validateRules);
  let s: Schema;
  switch (f.fieldKind) {
    case "scalar":
      s = { ...scalarSchemas[f.scalar], ...valueRules(rules) };
      break;
    case "enum": {
      const narrowed = valueRules(rules, f.enum);
      s = narrowed.enum ? { type: "string", ...narrowed } : refTo(f.enum.typeName);
      break;
    }
    case "message":
      s = messageRef(f.message);
      break;
    case "list": {
      const itemRules = rules?.type.case === "repeated" ? rules.type.value.items : undefined;
      const items =
        f.listKind === "scalar"
          ? { ...scalarSchemas[f.scalar], ...valueRules(itemRules) }
          : f.listKind === "enum"
            ? (() => {
                const narrowed = valueRules(itemRules, f.enum);
                return narrowed.enum ? { type: "string", ...narrowed } : refTo(f.enum.typeName);
              })()
            : messageRef(f.message);
      s = { type: "array", items };
      if (rules?.type.case === "repeated") {
        const r = rules.type.value;
        if (r.minItems > 0n) s.minItems = Number(r.minItems);
        if (r.maxItems > 0n) s.maxItems = Number(r.maxItems);
        if (r.unique) s.uniqueItems = true;
      }
      break;
    }
    case "map": {
      const value = f.mapKind === "scalar" ? scalarSchemas[f.scalar] : f.mapKind === "enum" ? refTo(f.enum.typeName) : messageRef(f.message);
      s = { type: "object", additionalProperties: value };
      break;
    }
  }
  return description ? { ...s, description } : s;
}

const validator = createValidator();

/**
 * Fields a client must send: those protovalidate refuses when left empty (a minimum length, an
 * email or uuid format, `required`), found by validating the empty message rather than guessing.
 */
function requiredOnInput(m: DescMessage): Set<string> {
  const result = validator.validate(m, create(m));
  if (result.kind !== "invalid") return new Set();
  return new Set(result.violations.map((v) => v.field[0]).flatMap((head) => (head?.kind === "field" ? [head.name] : [])));
}

/** Fields always present in an answer: toJson with alwaysEmitImplicit writes every implicit-presence field. */
const presentOnOutput = (f: DescField) => f.fieldKind !== "message" && f.presence === FeatureSet_FieldPresence.IMPLICIT && !f.oneof;

export interface MessageSchemaOptions {
  /** The message is (also) a request: required means "the client must send it". */
  input: boolean;
  comments: Map<string, string>;
  /** Fields taken from elsewhere (the path) and so left out of a body schema. */
  omit?: Set<string>;
}

export function messageSchema(m: DescMessage, opts: MessageSchemaOptions): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const mustSend = opts.input ? requiredOnInput(m) : undefined;
  for (const f of m.fields) {
    if (opts.omit?.has(f.name)) continue;
    properties[f.jsonName] = fieldSchema(f, opts.comments.get(`${m.typeName}.${f.name}`));
    if (mustSend ? mustSend.has(f.name) : presentOnOutput(f)) required.push(f.jsonName);
  }
  const description = opts.comments.get(m.typeName);
  return { type: "object", properties, ...(required.length ? { required } : {}), ...(description ? { description } : {}) };
}
