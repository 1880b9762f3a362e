// The `shop` command line. `npm start` runs `shop start`; `npm run shop -- <command> ...` the others.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { certsCommand } from "./certs.ts";
import { clusterCommand } from "./cluster/command.ts";
import { createAdminCommand } from "./create-admin.ts";
import { deadLettersCommand, replayCommand } from "./dead-letters.ts";
import { publicKeysCommand } from "./public-keys.ts";
import { seedCommand } from "./seed/command.ts";
import { startCommand } from "./start.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../..");

const help = `usage: npm run shop -- <command> [options]

commands:
  start                     start PostgreSQL (embedded unless SHOP_POSTGRES_URL is set), the user,
                            inventory, product, cart, coupon, order, payment, seckill, file, review, logistics and notification services and the gateway; seed the demo catalog
                            on the first start; print the URLs; Ctrl-C stops everything
                            (also: npm start)
  cluster                   the infrastructure profile on this machine: PostgreSQL, Redis, RabbitMQ
                            and etcd (from their SHOP_*_URL variables, else started here), two
                            instances of every service and two gateways found through etcd,
                            Prometheus scraping them all; Ctrl-C stops everything
                            (also: npm run cluster)
  seed                      put the demo catalog into the system of this data folder (the running
                            one, else started for the purpose); once per data folder, resumed if
                            interrupted, skipped when the catalog already has products
                            (also: npm run seed)
  create-admin --username <name> --email <email> [--password-file <file>]
                            create the first admin, or make an existing user an admin; the password
                            comes from the file, else SHOP_ADMIN_PASSWORD, else a prompt
  dead-letters <group> [--limit N]
                            list the event bus's dead letters of a consumer group (id, topic,
                            attempts, when and why the last attempt failed)
  replay <group> <id...> | replay <group> --all
                            put dead letters back on the group's queue; attempts start again
  certs --out <dir> [--services a,b,...] [--host <name or IP> ...]
                            a local CA for a cluster (reused when the folder has one) and a
                            certificate per service (default: every deployable) for mutual TLS
                            between services; keys 0600
  public-keys <private key file>
                            print the public JWKS of the token signing key (created when missing),
                            to pin with SHOP_JWT_PUBLIC_KEYS_FILE
  help                      this text

environment (see the README for every variable):
  SHOP_POSTGRES_URL         use this PostgreSQL server instead of the embedded one
  SHOP_REDIS_URL, SHOP_ETCD_URL   shop cluster uses these servers instead of starting its own
  SHOP_CLUSTER_INSTANCES    instances of each service and of the gateway in shop cluster (default 2)
  SHOP_AMQP_URL             use RabbitMQ for the event bus instead of PostgreSQL queue tables
  SHOP_DATA_DIR             data folder (default ./.shop): embedded PostgreSQL, keys, seed state
  SHOP_EMBEDDED_PG_PORT     port of the embedded PostgreSQL (default 54329)
  SHOP_<SERVICE>_HTTP_PORT, SHOP_<SERVICE>_GRPC_PORT   listener ports (gateway 8080, user 9090/9190,
                            product 9091/9191, inventory 9092/9192, cart 9093/9193, order 9094/9194, payment 9095/9195,
                            coupon 9096/9196, seckill 9097/9197, review 9098/9198, notification 9099/9199, logistics 9100/9200, file 9101/9201)
`;

async function main([command, ...args]: string[]): Promise<number> {
  switch (command) {
    case "start":
      return startCommand(repoRoot);
    case "cluster":
      return clusterCommand(repoRoot);
    case "create-admin":
      return createAdminCommand(args);
    case "dead-letters":
      return deadLettersCommand(args);
    case "replay":
      return replayCommand(args);
    case "seed":
      return seedCommand(repoRoot);
    case "certs":
      return certsCommand(args);
    case "public-keys":
      return publicKeysCommand(args);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(help);
      return 0;
    default:
      process.stderr.write(`unknown command: ${command}\n\n${help}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
