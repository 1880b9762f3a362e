// The gray release admin routes in the OpenAPI document: they are the gateway's own, not built
// from the route table, so they are described here, next to the routes.
import type { Schema } from "../openapi/schemas.ts";
import { grayPaths } from "./admin.ts";

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const object = { type: "object", additionalProperties: true };
const state = {
  description: "The rules in force, a refused file if any, and per service the share observed since the rules loaded.",
  content: { "application/json": { schema: object } },
};
const denied = { "401": error("TOKEN_MISSING or TOKEN_INVALID."), "403": error("ADMIN_REQUIRED.") };

const rule: Schema = {
  type: "object",
  required: ["version"],
  additionalProperties: false,
  properties: {
    version: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", description: "The canary's SHOP_SERVICE_VERSION." },
    percent: { type: "number", minimum: 0, maximum: 100, description: "Share of the other callers sent to the canary, sticky per caller." },
    users: { type: "array", maxItems: 10_000, items: { type: "string", minLength: 1, maxLength: 64 }, description: "User ids always sent to the canary." },
    header: {
      type: "object",
      required: ["name", "value"],
      additionalProperties: false,
      properties: { name: { type: "string" }, value: { type: "string", minLength: 1, maxLength: 256 } },
      description: "Requests with this header and value always go to the canary.",
    },
  },
};

export const grayOpenApiPaths: Record<string, Record<string, Schema>> = {
  [grayPaths.view]: {
    get: {
      operationId: "GrayRelease_Get",
      tags: ["GrayRelease"],
      summary: "The gray release rules in force and the canary share observed per service.",
      security: [{ bearer: [] }],
      responses: { "200": state, ...denied },
    },
  },
  [grayPaths.rules]: {
    put: {
      operationId: "GrayRelease_PutRules",
      tags: ["GrayRelease"],
      summary: "Replaces every gray release rule; kept in the gateway's rules file.",
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["services"],
              additionalProperties: false,
              properties: { services: { type: "object", additionalProperties: rule } },
            },
          },
        },
      },
      responses: { "200": state, "400": error("INVALID_GRAY_RULES (nothing changed) or GRAY_RULES_FILE_UNSET."), ...denied },
    },
  },
};
