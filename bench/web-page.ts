// One cold load of a page in Chromium, measured by the browser's own clocks: navigation start to the
// moment the page is usable (its first product link is on screen), first contentful paint, and the
// JavaScript it loaded, as sent (brotli) and gzipped. Shared by bench/web.ts and the browser tests.
import type { Browser } from "playwright-core";

export interface PageLoad {
  usableMs: number;
  fcpMs: number;
  domContentLoadedMs: number;
  /** The page's scripts: their URLs and the bytes that crossed the wire. */
  scripts: { url: string; transferBytes: number }[];
}

/** The app's first page is usable when a product can be opened: its first product link is visible. */
export const usableSelector = 'main a[href^="/p/"]';

const readTimings = `(() => {
  const now = performance.now();
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const scripts = performance.getEntriesByType("resource")
    .filter((r) => r.initiatorType === "script" || r.name.endsWith(".js"))
    .map((r) => ({ url: r.name, transferBytes: r.transferSize }));
  return { usableMs: now, fcpMs: fcp ? fcp.startTime : 0, domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : 0, scripts };
})()`;

export async function coldLoad(browser: Browser, url: string, selector = usableSelector): Promise<PageLoad> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } }); // fresh profile: nothing cached
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector(selector, { state: "visible", timeout: 60_000 });
    // Read in the page right when the selector matched (ms since navigation start). A string, since
    // this code runs in the browser and the project's types have no DOM.
    return await page.evaluate<PageLoad>(readTimings);
  } finally {
    await ctx.close();
  }
}

/** The gzipped size of each script, asked of the server as a browser that only speaks gzip would. */
export async function gzippedBytes(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of new Set(urls)) {
    const res = await fetch(url, { headers: { "accept-encoding": "gzip" } });
    if (res.headers.get("content-encoding") !== "gzip") throw new Error(`${url} was not sent gzipped`);
    // fetch decodes the body; the length on the wire is the header's.
    total += Number(res.headers.get("content-length") ?? 0);
    await res.arrayBuffer();
  }
  return total;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
