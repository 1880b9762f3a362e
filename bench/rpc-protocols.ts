// `npm run bench:rpc`: what one call between services costs in each protocol the kit's client could
// speak to a service's HTTP/2 port — gRPC, and the Connect protocol (binary and JSON) — so the
// choice is made with figures. The system is started as `npm start` does; the bench process is the
// caller: it keeps BENCH_CONNECTIONS calls in flight for BENCH_DURATION_S seconds per protocol
// (after a warm-up), calling the user service's GetJwks (public, answered from memory), and reads
// the CPU time of both sides. Every service keeps serving gRPC to foreign clients either way.
import { createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { userv1 } from "@shop/contracts";
import { ratio, type Ceiling } from "./ceiling.ts";
import { cpuMs } from "./cpu.ts";
import type { LoadFigures } from "./load.ts";
import { connections, durationS, say } from "./measure.ts";
import { runBenchmark } from "./run.ts";

const warmupS = Number(process.env.BENCH_WARMUP_S ?? 3);

interface Row extends LoadFigures {
  callerCpuMs: number;
  serviceCpuMs: number;
}

/** `connections` loops calling back to back for `seconds`; latencies in ms. */
async function drive(transport: Transport, seconds: number): Promise<{ calls: number; errors: number; latencies: number[] }> {
  const client = createClient(userv1.AuthService, transport);
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          await client.getJwks({});
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { calls: latencies.length, errors, latencies };
}

const quantile = (sorted: number[], q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);

async function measureProtocol(title: string, transport: Transport, servicePid: number): Promise<Row> {
  say(`${title}: ${warmupS} s warm-up, then ${durationS} s measured`);
  await drive(transport, warmupS);
  const service = { service: [servicePid] };
  const before = { caller: process.cpuUsage(), service: cpuMs(service).service! };
  const { calls, errors, latencies } = await drive(transport, durationS);
  const caller = process.cpuUsage(before.caller);
  const serviceMs = cpuMs(service).service! - before.service;
  latencies.sort((a, b) => a - b);
  return {
    title,
    requests: calls,
    rps: calls / durationS,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    timeouts: 0,
    non2xx: 0,
    callerCpuMs: (caller.user + caller.system) / 1000 / Math.max(1, calls),
    serviceCpuMs: serviceMs / Math.max(1, calls),
  };
}

function resultTable(rows: Row[], ceiling: Ceiling): string {
  const head = `  ${"protocol (HTTP/2, user service GetJwks)".padEnd(44)} ${"calls/s".padStart(8)} ${"×ceil".padStart(6)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)} ${"caller CPU ms".padStart(14)} ${"service CPU ms".padStart(15)}`;
  const line = (r: Row) =>
    `  ${r.title.padEnd(44)} ${r.rps.toFixed(0).padStart(8)} ${ratio(r.rps, ceiling).padStart(6)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(7)} ${r.callerCpuMs.toFixed(3).padStart(14)} ${r.serviceCpuMs.toFixed(3).padStart(15)}`;
  return [`results (${connections} calls in flight, ${durationS} s each; CPU ms per call):`, head, ...rows.map(line)].join("\n");
}

runBenchmark({
  starting: "the system",
  async bench(run, ceiling) {
    const grpc = run.ready.urls.services.user!.grpc;
    const baseUrl = `http://${grpc}`;
    const pid = run.ready.pids.user!;
    const protocols: [string, Transport][] = [
      ["gRPC (binary, enveloped, trailers)", createGrpcTransport({ baseUrl })],
      ["Connect, binary", createConnectTransport({ baseUrl, httpVersion: "2", useBinaryFormat: true })],
      ["Connect, JSON", createConnectTransport({ baseUrl, httpVersion: "2" })],
    ];
    const rows: Row[] = [];
    for (const [title, transport] of protocols) rows.push(await measureProtocol(title, transport, pid));
    return { rows, table: resultTable(rows, ceiling) };
  },
});
