// Test access to RabbitMQ: the URL, a reachability check that names what is missing, and removal
// of the exchanges and queues a test created (each test run uses names of its own).
import { connect } from "amqplib";
import { requireTcp } from "./servers.ts";

export const amqpUrl = process.env.SHOP_TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672";

export async function requireRabbitMq(): Promise<void> {
  const url = new URL(amqpUrl);
  await requireTcp("RabbitMQ", url.hostname, Number(url.port || 5672));
}

/** Deletes the queues and exchanges (missing ones are fine). */
export async function deleteAmqpObjects(queues: string[], exchanges: string[], url = amqpUrl): Promise<void> {
  const conn = await connect(url);
  try {
    const ch = await conn.createChannel();
    for (const q of queues) await ch.deleteQueue(q);
    for (const e of exchanges) await ch.deleteExchange(e);
    await ch.close();
  } finally {
    await conn.close();
  }
}

/** Whether a queue exists (a passive declare; another connection's exclusive queue answers "locked"). */
export async function queueExists(name: string, url = amqpUrl): Promise<boolean> {
  const conn = await connect(url);
  try {
    const ch = await conn.createChannel();
    ch.on("error", () => undefined);
    return await ch.checkQueue(name).then(
      () => true,
      (err: { code?: number }) => {
        if (err.code === 404) return false;
        if (err.code === 405) return true;
        throw err;
      },
    );
  } finally {
    await conn.close().catch(() => undefined);
  }
}
