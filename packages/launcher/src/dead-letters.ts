// `shop dead-letters <group> [--limit N]` and `shop replay <group> <id…|--all>`: the event bus's
// dead-letter queues for an admin, on the bus the system uses (RabbitMQ when SHOP_AMQP_URL is set,
// else the PostgreSQL queue tables: SHOP_POSTGRES_URL or the running embedded server).
import { parseArgs } from "node:util";
import { createBus } from "@shop/kit/bus/create";
import type { Bus, DeadLetter } from "@shop/kit/bus/port";
import { createLogger } from "@shop/kit/log";
import { launchConfig } from "./config.ts";
import { embeddedUrl, runningServer } from "./postgres.ts";

/** Most dead letters one command lists or replays (RabbitMQ reads them one by one). */
const maxLetters = 10_000;

async function withBus<T>(run: (bus: Bus) => Promise<T>): Promise<T | undefined> {
  let bus: Bus | undefined;
  try {
    const config = launchConfig();
    const platform = { ...config.platform };
    if (!platform.amqpUrl && !config.postgresUrl) {
      const server = runningServer(platform.dataDir);
      if (!server) throw new Error("the embedded PostgreSQL is not running: start the system (npm start), or set SHOP_POSTGRES_URL or SHOP_AMQP_URL");
      platform.postgresUrl = embeddedUrl(platform.dataDir, server.port);
    }
    bus = await createBus(platform, createLogger("shop-cli", "warn"), "shop-cli");
    return await run(bus);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return undefined;
  } finally {
    await bus?.close();
  }
}

function table(letters: DeadLetter[]): string {
  const rows = [
    ["id", "topic", "attempts", "failed at", "error"],
    ...letters.map((d) => [d.id, d.topic, String(d.attempt), d.failedAt, d.error.replace(/\s+/g, " ")]),
  ];
  const widths = rows[0]!.slice(0, -1).map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join("  ")).join("\n") + "\n";
}

export async function deadLettersCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { limit: { type: "string", default: "100" } }, allowPositionals: true });
  const limit = Number(values.limit);
  if (positionals.length !== 1 || !Number.isInteger(limit) || limit < 1 || limit > maxLetters) {
    process.stderr.write(`usage: dead-letters <group> [--limit 1..${maxLetters}]\n`);
    return 2;
  }
  const letters = await withBus((bus) => bus.deadLetters(positionals[0]!, limit));
  if (!letters) return 1;
  if (!letters.length) process.stderr.write(`no dead letters in ${positionals[0]}\n`);
  else process.stdout.write(table(letters));
  return 0;
}

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { all: { type: "boolean", default: false } }, allowPositionals: true });
  const [group, ...ids] = positionals;
  if (!group || values.all === ids.length > 0) {
    process.stderr.write("usage: replay <group> <id…> | replay <group> --all\n");
    return 2;
  }
  const replayed = await withBus(async (bus) => bus.replay(group, values.all ? (await bus.deadLetters(group, maxLetters)).map((d) => d.id) : ids));
  if (replayed === undefined) return 1;
  process.stdout.write(`replayed ${replayed} dead letter(s) of ${group}\n`);
  return 0;
}
