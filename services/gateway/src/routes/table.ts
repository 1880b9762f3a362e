// The REST routes, read from the proto descriptors: every unary RPC with a google.api.http rule and
// a routable access option becomes one route per binding. A rule the gateway cannot honour is a
// mistake in a proto, so it stops the gateway at startup rather than being skipped in silence.
import { getOption, type DescField, type DescMethodUnary, type DescService } from "@bufbuild/protobuf";
import { httpRule, options, type HttpRule } from "@shop/contracts";

export type Verb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RoutedAccess = options.Access.PUBLIC | options.Access.USER | options.Access.ADMIN;

export type BodyRule = { kind: "all" } | { kind: "field"; field: DescField } | { kind: "none" };

export interface Route {
  /** The deployable that serves the RPC (a key of the contracts' `services` table). */
  deployable: string;
  service: DescService;
  method: DescMethodUnary;
  verb: Verb;
  /** As written in the proto: /api/v1/users/me/addresses/{address_id} */
  template: string;
  /** The same for fastify: /api/v1/users/me/addresses/:address_id */
  path: string;
  pathFields: DescField[];
  body: BodyRule;
  /** Fields a client may set in the query string. */
  queryFields: DescField[];
  access: RoutedAccess;
  /** The RPC's own per-user limit (the rate_limit option), counted per user on this RPC alone; 0: none. */
  perUserPerMinute: number;
}

const verbs = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE" } as const;

/** Only scalars, enums and lists of them fit in a query string. */
const queryable = (f: DescField) => f.fieldKind === "scalar" || f.fieldKind === "enum" || (f.fieldKind === "list" && f.listKind !== "message");

function routable(access: options.Access): access is RoutedAccess {
  return access === options.Access.PUBLIC || access === options.Access.USER || access === options.Access.ADMIN;
}

function fieldOf(method: DescMethodUnary, name: string, where: string): DescField {
  const field = method.input.fields.find((f) => f.name === name);
  if (!field) throw new Error(`${method.parent.typeName}.${method.name}: ${where} names unknown field "${name}"`);
  return field;
}

function parseTemplate(method: DescMethodUnary, template: string): { path: string; pathFields: DescField[] } {
  const pathFields: DescField[] = [];
  const segments = template.split("/").map((segment) => {
    const param = /^\{([a-z][a-z0-9_]*)\}$/.exec(segment);
    if (param) {
      const field = fieldOf(method, param[1]!, `path ${template}`);
      if (field.fieldKind !== "scalar" && field.fieldKind !== "enum") throw new Error(`${method.name}: path field ${field.name} must be a scalar`);
      pathFields.push(field);
      return `:${field.name}`;
    }
    // Nested fields, `{name=pattern}` and `:verb` suffixes are not used by Shop's protos.
    if (/[{}:*=]/.test(segment)) throw new Error(`${method.parent.typeName}.${method.name}: unsupported path segment "${segment}" in ${template}`);
    return segment;
  });
  return { path: segments.join("/"), pathFields };
}

function toRoute(deployable: string, service: DescService, method: DescMethodUnary, access: RoutedAccess, rule: HttpRule): Route {
  const { perUserPerMinute } = getOption(method, options.rate_limit);
  if (perUserPerMinute < 0) throw new Error(`${service.typeName}.${method.name}: rate_limit.per_user_per_minute must not be negative`);
  const { pattern } = rule;
  if (pattern.case === undefined || pattern.case === "custom") throw new Error(`${service.typeName}.${method.name}: http rule needs get/post/put/patch/delete`);
  const template = pattern.value;
  const { path, pathFields } = parseTemplate(method, template);
  const inPath = new Set(pathFields.map((f) => f.name));
  const body: BodyRule =
    rule.body === "" ? { kind: "none" } : rule.body === "*" ? { kind: "all" } : { kind: "field", field: fieldOf(method, rule.body, "body") };
  const queryFields =
    body.kind === "all" ? [] : method.input.fields.filter((f) => !inPath.has(f.name) && queryable(f) && !(body.kind === "field" && body.field === f));
  return { deployable, service, method, verb: verbs[pattern.case], template, path, pathFields, body, queryFields, access, perUserPerMinute };
}

export function buildRoutes(table: Record<string, readonly DescService[]>): Route[] {
  const routes: Route[] = [];
  const seen = new Map<string, string>();
  for (const [deployable, descs] of Object.entries(table)) {
    for (const service of descs) {
      for (const m of service.methods) {
        if (m.methodKind !== "unary") continue;
        const method = m as DescMethodUnary; // DescMethod does not narrow on methodKind
        const access = getOption(method, options.access);
        // INTERNAL and UNSPECIFIED methods are never reachable from outside, whatever their http rule.
        if (!routable(access)) continue;
        const rule = getOption(method, httpRule);
        if (rule.pattern.case === undefined) continue;
        for (const binding of [rule, ...rule.additionalBindings]) {
          const route = toRoute(deployable, service, method, access, binding);
          const key = `${route.verb} ${route.path.replace(/:[a-z0-9_]+/g, ":")}`;
          const other = seen.get(key);
          if (other) throw new Error(`${service.typeName}.${method.name} and ${other} both claim ${route.verb} ${route.template}`);
          seen.set(key, `${service.typeName}.${method.name}`);
          routes.push(route);
        }
      }
    }
  }
  return routes;
}
