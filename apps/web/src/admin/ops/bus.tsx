// The event bus: outbox lag per service and, per consumer group, dead letters waiting (a link to
// them) and deliveries handled and failed; read again every 5 s.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { BusView } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Async } from "../../ui/status.tsx";
import { busQuery } from "./api.ts";
import { OpsHeader } from "./tabs.tsx";
import "./ops.css";

function BusTables({ data }: { data: BusView }) {
  const t = useT();
  const f = useFormat();
  return (
    <>
      {data.unreachable.length > 0 && <p className="error">{t("ops.bus.unreachable", { list: data.unreachable.map((u) => u.service).join(", ") })}</p>}
      <h2>{t("ops.bus.outbox")}</h2>
      <DataTable
        rows={data.outbox}
        rowKey={(o) => o.service}
        className="ops-table"
        scoped
        columns={[
          { header: t("ops.services.service"), rowHeader: true, cell: (o) => o.service },
          { header: t("ops.bus.pending"), className: "num", cell: (o) => f.number(o.pending) },
          {
            header: t("ops.bus.lag"),
            className: (o) => (o.oldestAgeSeconds > 60 ? "num bad" : "num"),
            cell: (o) => t("ops.bus.seconds", { s: f.number(o.oldestAgeSeconds) }),
          },
        ]}
      />
      <h2>{t("ops.bus.groups")}</h2>
      <DataTable
        rows={data.groups}
        rowKey={(g) => g.group}
        rowData={(g) => ({ "data-group": g.group })}
        className="ops-table"
        scoped
        columns={[
          { header: t("ops.bus.group"), rowHeader: true, cell: (g) => <code>{g.group}</code> },
          { header: t("ops.bus.subscribers"), cell: (g) => g.services.join(", ") },
          {
            header: t("ops.bus.deadLetters"),
            className: (g) => (g.deadLetters > 0 ? "num bad" : "num"),
            cell: (g) => (g.durable ? <Link to={`/admin/dead-letters?group=${encodeURIComponent(g.group)}`}>{f.number(g.deadLetters)}</Link> : "–"),
          },
          { header: t("ops.bus.delivered"), className: "num", cell: (g) => f.number(g.delivered) },
          { header: t("ops.bus.failed"), className: "num", cell: (g) => f.number(g.failed) },
        ]}
      />
    </>
  );
}

export function Component() {
  const t = useT();
  const query = useQuery(busQuery());
  return (
    <>
      <OpsHeader title={t("ops.bus.title")} />
      <Async query={query}>{(data) => <BusTables data={data} />}</Async>
    </>
  );
}
