// Opaque keyset-pagination cursors that carry the last id of a page. A token that does not decode
// to an id is the caller's mistake: `invalid` says how the service reports it.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const encodeIdToken = (id: string): string => Buffer.from(id).toString("base64url");

/** The id in `token`, or undefined for the first page (an empty token). */
export function decodeIdToken(token: string, invalid: () => Error): string | undefined {
  if (!token) return undefined;
  const id = Buffer.from(token, "base64url").toString();
  if (!uuidPattern.test(id)) throw invalid();
  return id;
}
