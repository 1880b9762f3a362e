// Recent traces through the gateway, newest first, each a link to its waterfall; a filter by
// request name. With a collector configured the gateway keeps none, and the page says where to look.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import type { TracesAnswer } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Async } from "../../ui/status.tsx";
import { tracesQuery } from "./api.ts";
import { ms } from "./figures.ts";
import { OpsHeader } from "./tabs.tsx";
import "./ops.css";

function TraceList({ data, filter }: { data: TracesAnswer; filter: string }) {
  const t = useT();
  const f = useFormat();
  if (data.store === "collector") return <p className="notice">{t("ops.traces.collector")}</p>;
  const rows = data.traces.filter((r) => r.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.traceId}
      empty={t("ops.traces.empty")}
      className="ops-table"
      caption={t("ops.traces.title")}
      scoped
      columns={[
        { header: t("ops.traces.started"), cell: (r) => f.dateTime(new Date(r.startTime)) },
        { header: t("ops.traces.request"), cell: (r) => <Link to={`/admin/ops/traces/${r.traceId}`}>{r.name}</Link> },
        { header: t("ops.traces.duration"), className: "num", cell: (r) => ms(f, r.durationMs) },
        { header: t("ops.traces.spans"), className: "num", cell: (r) => f.number(r.spanCount) },
        {
          header: t("ops.traces.status"),
          cell: (r) =>
            r.error ? <span className="badge health bad">{t("ops.traces.failed")}</span> : <span className="badge health ok">{t("ops.traces.ok")}</span>,
        },
      ]}
    />
  );
}

export function Component() {
  const t = useT();
  const id = useId();
  const [filter, setFilter] = useState("");
  const query = useQuery(tracesQuery());
  return (
    <>
      <OpsHeader title={t("ops.traces.title")} />
      <div className="field ops-filter">
        <label htmlFor={id}>{t("ops.traces.filter")}</label>
        <input id={id} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="POST /api/v1/orders" />
      </div>
      <Async query={query}>{(data) => <TraceList data={data} filter={filter} />}</Async>
    </>
  );
}
