// The inventory invariant of a test stack's inventory database (services/inventory/src/repo/invariant.ts).
import { inventoryViolations, type Violation } from "@shop/inventory/invariant";
import { postgresUrl } from "@shop/testkit/servers";
import pg from "pg";

export async function inventoryInvariant(dbPrefix: string): Promise<Violation[]> {
  const url = new URL(postgresUrl);
  url.pathname = `/${dbPrefix}inventory`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await inventoryViolations(client);
  } finally {
    await client.end();
  }
}
