// Per route of the gateway over the last minute: request rate, error shares and p99, read again
// every 5 s.
import { useQuery } from "@tanstack/react-query";
import type { RoutesAnswer } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Async } from "../../ui/status.tsx";
import { routesQuery } from "./api.ts";
import { ms, percent } from "./figures.ts";
import { OpsHeader } from "./tabs.tsx";
import "./ops.css";

function RoutesTable({ data }: { data: RoutesAnswer }) {
  const t = useT();
  const f = useFormat();
  if (!data.routes.length) return <p className="muted">{t("app.empty")}</p>;
  return (
    <>
      <p className="muted">{t("ops.routes.window", { s: data.windowSeconds })}</p>
      <DataTable
        rows={data.routes}
        rowKey={(r) => `${r.method} ${r.route}`}
        className="ops-table"
        caption={t("ops.routes.title")}
        scoped
        columns={[
          {
            header: t("ops.routes.route"),
            rowHeader: true,
            cell: (r) => (
              <code>
                {r.method} {r.route}
              </code>
            ),
          },
          { header: t("ops.routes.rate"), className: "num", cell: (r) => f.number(r.perSecond) },
          { header: t("ops.routes.errors"), className: (r) => (r.errorRate > 0 ? "num bad" : "num"), cell: (r) => percent(f, r.errorRate) },
          { header: t("ops.routes.clientErrors"), className: "num", cell: (r) => percent(f, r.clientErrorRate) },
          { header: t("ops.routes.p99"), className: "num", cell: (r) => (r.p99Ms === null ? "–" : ms(f, r.p99Ms)) },
          { header: t("ops.routes.total"), className: "num", cell: (r) => f.number(r.total) },
        ]}
      />
    </>
  );
}

export function Component() {
  const t = useT();
  const query = useQuery(routesQuery());
  return (
    <>
      <OpsHeader title={t("ops.routes.title")} />
      <Async query={query}>{(data) => <RoutesTable data={data} />}</Async>
    </>
  );
}
