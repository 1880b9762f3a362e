// `npm run bench:web`: the storefront's first page, cold (a fresh browser profile each time), in
// Debian's Chromium: navigation start to usable (a product link on screen), first contentful paint,
// and the JavaScript it needs (gzipped, the budget: 200 KB). The ceiling, in the same run and
// browser: a bare node:http server answering a page that shows one link at once, no script at all.
// Runs the system as `npm start` does, with the seeded demo catalog.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startLauncher, stopLauncher, type LauncherRun } from "@shop/launcher/harness";
import { buildWeb } from "@shop/launcher/web-build";
import { rmSync } from "node:fs";
import { launchChromium } from "@shop/testkit/chromium";
import { benchSystem } from "./env.ts";
import { say } from "./measure.ts";
import { coldLoad, gzippedBytes, median, type PageLoad } from "./web-page.ts";

const loads = Number(process.env.BENCH_WEB_LOADS ?? 15);
const budgetBytes = 200 * 1024;

async function series(run: (i: number) => Promise<PageLoad>): Promise<PageLoad[]> {
  const out: PageLoad[] = [];
  for (let i = 0; i < loads; i++) out.push(await run(i));
  return out;
}

async function main(): Promise<number> {
  say("building the web app (when stale) ...");
  await buildWeb();
  const system = await benchSystem();
  let run: LauncherRun | undefined;
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end('<!doctype html><html><head><title>ceiling</title></head><body><main><a href="/p/1">a product</a></main></body></html>');
  });
  const browser = await launchChromium();
  try {
    say("starting the system with the demo catalog (npm start's way) ...");
    run = await startLauncher("node", system.env, 300_000);
    const site = run.ready.urls.gateway;
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const ceilingUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    await coldLoad(browser, ceilingUrl); // warm the browser itself
    await coldLoad(browser, site);
    say(`${loads} cold loads of each, alternating ...`);
    const ceiling: PageLoad[] = [];
    const shop = await series(async () => {
      ceiling.push(await coldLoad(browser, ceilingUrl));
      return coldLoad(browser, site);
    });
    const usable = median(shop.map((l) => l.usableMs));
    const ceil = median(ceiling.map((l) => l.usableMs));
    const scripts = shop[0]!.scripts;
    const gz = await gzippedBytes(scripts.map((s) => s.url));
    const wire = scripts.reduce((n, s) => n + s.transferBytes, 0);
    console.log(`\nstorefront first page, cold, median of ${loads} (Chromium ${browser.version()}):`);
    console.log(
      `  usable (a product link on screen)  ${usable.toFixed(0)} ms   (ceiling, a bare node:http page: ${ceil.toFixed(0)} ms; ratio ${(usable / ceil).toFixed(1)}×)`,
    );
    console.log(`  first contentful paint             ${median(shop.map((l) => l.fcpMs)).toFixed(0)} ms`);
    console.log(`  DOMContentLoaded                   ${median(shop.map((l) => l.domContentLoadedMs)).toFixed(0)} ms`);
    console.log(
      `  JavaScript: ${scripts.length} file(s), ${(gz / 1024).toFixed(1)} KB gzipped (budget 200 KB), ${(wire / 1024).toFixed(1)} KB on the wire (brotli)`,
    );
    console.log(
      `  goal: usable within 1000 ms: ${usable <= 1000 ? "met" : "MISSED"}; JavaScript under 200 KB gzipped: ${gz < budgetBytes ? "met" : "MISSED"}\n`,
    );
    return 0;
  } finally {
    await browser.close();
    bare.close();
    if (run) await stopLauncher(run);
    rmSync(system.dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
