// The image routes in the OpenAPI document: raw bodies and bytes, so not from the route table.
import type { Schema } from "../openapi/schemas.ts";

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

export const filePaths = (maxBytes: number): Record<string, Record<string, Schema>> => ({
  "/api/v1/files": {
    post: {
      operationId: "Files_Upload",
      tags: ["Files"],
      summary: "Uploads one image: the raw bytes as the body. Product images need the admin role; review photos a signed-in user.",
      description:
        "The type is read from the bytes (JPEG, PNG, WebP, GIF, AVIF), never from Content-Type. The image is re-encoded without metadata and WebP variants 160, 480 and 1080 pixels wide are made. The same bytes always give the same id and URLs. Accepts an `Idempotency-Key`.",
      parameters: [
        { name: "purpose", in: "query", required: true, schema: { type: "string", enum: ["product", "review"] } },
        { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 128 } },
      ],
      requestBody: { required: true, content: { "*/*": { schema: { type: "string", format: "binary", maxLength: maxBytes } } } },
      responses: {
        "200": { description: "The stored file: `{file: {id, url, variants: [{size, width, height, url}], …}}`." },
        "400": error("UNSUPPORTED_IMAGE (not an image of an accepted type, or truncated), IMAGE_TOO_LARGE (pixels), INVALID_PURPOSE, EMPTY_BODY."),
        "401": error("TOKEN_MISSING or TOKEN_INVALID."),
        "403": error("ADMIN_REQUIRED (product images)."),
        "413": error(`Body over ${maxBytes} bytes.`),
      },
    },
  },
  "/files/{name}": {
    get: {
      operationId: "Files_Get",
      tags: ["Files"],
      summary: "An uploaded image or one of its variants (`<id>.<ext>`, `<id>-<width>.webp`): immutable, cached for a year.",
      parameters: [{ name: "name", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-f]{64}(-[0-9]{2,4})?\\.(jpg|png|webp|gif|avif)$" } }],
      security: [],
      responses: {
        "200": { description: "The bytes, with their Content-Type, an ETag and `Cache-Control: public, max-age=31536000, immutable`." },
        "304": { description: "The client's copy is current." },
        "404": error("FILE_NOT_FOUND."),
      },
    },
  },
});
