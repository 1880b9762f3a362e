// Per route of the gateway over the last minute: request rate, error shares and p99, read again
// every 5 s.
import { useQuery } from "@tanstack/react-query";
import type { RoutesAnswer } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
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
      <div className="table-wrap">
        <table className="ops-table">
          <caption className="visually-hidden">{t("ops.routes.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ops.routes.route")}</th>
              <th scope="col">{t("ops.routes.rate")}</th>
              <th scope="col">{t("ops.routes.errors")}</th>
              <th scope="col">{t("ops.routes.clientErrors")}</th>
              <th scope="col">{t("ops.routes.p99")}</th>
              <th scope="col">{t("ops.routes.total")}</th>
            </tr>
          </thead>
          <tbody>
            {data.routes.map((r) => (
              <tr key={`${r.method} ${r.route}`}>
                <th scope="row">
                  <code>
                    {r.method} {r.route}
                  </code>
                </th>
                <td className="num">{f.number(r.perSecond)}</td>
                <td className={r.errorRate > 0 ? "num bad" : "num"}>{percent(f, r.errorRate)}</td>
                <td className="num">{percent(f, r.clientErrorRate)}</td>
                <td className="num">{r.p99Ms === null ? "–" : ms(f, r.p99Ms)}</td>
                <td className="num">{f.number(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
