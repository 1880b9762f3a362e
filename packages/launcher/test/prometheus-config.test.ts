// The Prometheus configuration `shop cluster` generates is one Prometheus accepts: checked by
// promtool (Debian's prometheus package) as an operator would.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { prometheusConfig } from "@shop/launcher/cluster/prometheus";

const promtool = "/usr/bin/promtool";

void test(
  "the generated config passes promtool check config",
  { skip: !existsSync(promtool) && !process.env.CI && "promtool is not installed (apt-get install -y prometheus)" },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "shop-prom-"));
    try {
      const sd = ["http://127.0.0.1:18081/sd/prometheus", "http://127.0.0.1:18083/sd/prometheus"];
      const text = prometheusConfig(sd, join(dir, "rules", "*.yml"));
      const file = join(dir, "prometheus.yml");
      writeFileSync(file, text);
      const output = execFileSync(promtool, ["check", "config", file], { encoding: "utf8" });
      assert.match(output, /SUCCESS/);
      const config = parse(text) as { scrape_configs: { http_sd_configs: { url: string }[] }[]; rule_files: string[] };
      assert.deepEqual(
        config.scrape_configs[0]!.http_sd_configs.map((c) => c.url),
        sd,
      );
      assert.deepEqual(config.rule_files, [join(dir, "rules", "*.yml")]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
