// Database pools sized so every instance fits PostgreSQL's max_connections, with room kept for
// the launcher's seeding, psql and a restarting instance whose old connections are not yet closed.
import pg from "pg";

export interface PoolBudget {
  maxConnections: number;
  processes: number;
  perProcess: number;
}

const headroom = 15;

export async function poolBudget(postgresUrl: string, processes: number, configured: string | undefined): Promise<PoolBudget> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  let maxConnections: number;
  try {
    maxConnections = Number((await client.query<{ max_connections: string }>("show max_connections")).rows[0]!.max_connections);
  } finally {
    await client.end().catch(() => undefined);
  }
  const fits = Math.floor((maxConnections - headroom) / processes);
  const perProcess = configured ? Number(configured) : Math.min(10, fits);
  if (perProcess < 1)
    throw new Error(
      `PostgreSQL allows ${maxConnections} connections: too few for ${processes} processes; raise max_connections or lower SHOP_CLUSTER_INSTANCES`,
    );
  return { maxConnections, processes, perProcess };
}
