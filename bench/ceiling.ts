// The ceiling every figure is divided by: a bare node:http server answering a small JSON body, in a
// process of its own, under the same load generator, connections and duration, in the same run.
// The machine is shared and absolute numbers drift; the ratio to this is what compares across runs.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { cpuMs, perRequest } from "./cpu.ts";
import type { LoadFigures } from "./load.ts";
import { measure, warmUp } from "./measure.ts";

const server = `
const http = require("node:http");
const body = JSON.stringify({ hello: "world" });
const s = http.createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end(body); });
s.listen(0, "127.0.0.1", () => console.log(s.address().port));
`;

export interface Ceiling extends LoadFigures {
  /** CPU ms per request of the server process. */
  cpuMsPerRequest: number;
}

export async function measureCeiling(): Promise<Ceiling> {
  const child = spawn(process.execPath, ["-e", server], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
    const target = { title: "ceiling: bare node:http hello world", url: `http://127.0.0.1:${line.trim()}/`, method: "GET" as const, headers: {} };
    await warmUp(target);
    const groups = { ceiling: [child.pid!] };
    const before = cpuMs(groups);
    const figures = await measure(target);
    return { ...figures, cpuMsPerRequest: perRequest(before, cpuMs(groups), figures.requests).ceiling! };
  } finally {
    child.kill();
  }
}

/** "0.31×": a target's requests per second as a share of the ceiling's. */
export const ratio = (rps: number, ceiling: Ceiling) => `${(rps / ceiling.rps).toFixed(2)}×`;
