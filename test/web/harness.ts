// The browser tests' harness: a whole shop (services/gateway/test/helpers.ts) whose gateway serves
// the web app built by `npm run build`'s own step, and Debian's Chromium driven by playwright-core
// (no browser download works on these machines). Every page a test opens records its console
// errors and failed requests, and screenshots go to test-results/web/ (SHOP_TEST_ARTIFACTS).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildWeb } from "@shop/launcher/web-build";
import { takeSlot } from "@shop/testkit/slots";
import { launchChromium } from "@shop/testkit/chromium";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { adminLogin, startStackWithAdmin, type Call, type Stack } from "../../services/gateway/test/helpers.ts";

export const artifactsDir = process.env.SHOP_TEST_ARTIFACTS ?? join(import.meta.dirname, "../../test-results/web");

export const phone = { width: 375, height: 812 };
export const desktop = { width: 1280, height: 800 };

export interface WebShop {
  stack: Stack;
  call: Call;
  adminToken: string;
  admin: { username: string; password: string };
  /** http://127.0.0.1:<gateway port> */
  base: string;
  browser: Browser;
  /** A fresh browser profile (cookies, localStorage) at the given size, its pages watched for errors. */
  context(size?: { width: number; height: number }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

/** Builds the web app once for every test file at a time (the build swaps dist/ whole). */
async function ensureBuilt(): Promise<void> {
  const release = await takeSlot("web-build", 1);
  try {
    await buildWeb();
  } finally {
    release();
  }
}

/** What went wrong in a page: console errors, uncaught exceptions, failed or 5xx requests. */
export const pageProblems = new WeakMap<Page, string[]>();

function watch(page: Page): void {
  const problems: string[] = [];
  pageProblems.set(page, problems);
  page.on("console", (m) => {
    // Chromium logs every 4xx answer as a console error; an API refusal the page shows (a wrong
    // password, a sold-out SKU) is the app working. 5xx answers are caught below, with their reason.
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() < 500) return;
    const what = `${r.status()} ${r.request().method()} ${r.url()}`;
    problems.push(what);
    void r.text().then(
      (body) => problems.push(`${what}: ${body.slice(0, 300)}`),
      () => undefined,
    );
  });
}

/** Fails when the page logged a console error, threw, or got a 5xx. */
export function assertNoProblems(page: Page): void {
  assert.deepEqual(pageProblems.get(page) ?? [], [], `problems in ${page.url()}`);
}

/** A full-page screenshot kept as a test artifact: test-results/web/<name>-<width>.png */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name}-${page.viewportSize()?.width ?? 0}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The page at phone and desktop widths, kept as artifacts, and nothing wrong in it. */
export async function screens(page: Page, name: string): Promise<void> {
  await page.setViewportSize(phone);
  await shot(page, name);
  await page.setViewportSize(desktop);
  await shot(page, name);
  assertNoProblems(page);
}

export async function startWebShop(env: Record<string, string> = {}): Promise<WebShop> {
  await ensureBuilt();
  // First, so that a machine without Chromium says so before a whole shop is started.
  const browser = await launchChromium();
  // Outcomes, not speed: on two cores beside other whole-shop files, a slow moment must be a slow
  // answer, not a 503 that fails the page (test/checkout-shop.ts does the same).
  const patient = { SHOP_RPC_TIMEOUT_MS: "30000", SHOP_CART_PRODUCT_TIMEOUT_MS: "30000" };
  const { stack, call, adminToken } = await startStackWithAdmin({ ...patient, ...env }, { ...patient, ...env }).catch(async (err: unknown) => {
    await browser.close();
    throw err;
  });
  const base = `http://127.0.0.1:${stack.gateway.httpPort}`;
  return {
    stack,
    call,
    adminToken,
    admin: { username: adminLogin.username, password: adminLogin.password },
    base,
    browser,
    async context(size = desktop) {
      const ctx = await browser.newContext({ viewport: size, baseURL: base, locale: "en-US" });
      ctx.setDefaultTimeout(60_000); // a step waits for a loaded machine (two whole shops beside other test files), never for a bug: those fail by their assertion
      ctx.on("page", watch);
      return ctx;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await stack.stop();
    },
  };
}

/** Opens a page in the context (watched for problems). */
export async function open(ctx: BrowserContext, path: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(path);
  return page;
}

/** Signs in through the app's own form. */
export async function signInUi(page: Page, login: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel(/Username or email/).fill(login);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}
