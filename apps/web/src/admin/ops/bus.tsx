// The event bus: outbox lag per service and, per consumer group, dead letters waiting (a link to
// them) and deliveries handled and failed; read again every 5 s.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { BusView } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
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
      <div className="table-wrap">
        <table className="ops-table">
          <thead>
            <tr>
              <th scope="col">{t("ops.services.service")}</th>
              <th scope="col">{t("ops.bus.pending")}</th>
              <th scope="col">{t("ops.bus.lag")}</th>
            </tr>
          </thead>
          <tbody>
            {data.outbox.map((o) => (
              <tr key={o.service}>
                <th scope="row">{o.service}</th>
                <td className="num">{f.number(o.pending)}</td>
                <td className={o.oldestAgeSeconds > 60 ? "num bad" : "num"}>{t("ops.bus.seconds", { s: f.number(o.oldestAgeSeconds) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("ops.bus.groups")}</h2>
      <div className="table-wrap">
        <table className="ops-table">
          <thead>
            <tr>
              <th scope="col">{t("ops.bus.group")}</th>
              <th scope="col">{t("ops.bus.subscribers")}</th>
              <th scope="col">{t("ops.bus.deadLetters")}</th>
              <th scope="col">{t("ops.bus.delivered")}</th>
              <th scope="col">{t("ops.bus.failed")}</th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.group} data-group={g.group}>
                <th scope="row">
                  <code>{g.group}</code>
                </th>
                <td>{g.services.join(", ")}</td>
                <td className={g.deadLetters > 0 ? "num bad" : "num"}>
                  {g.durable ? <Link to={`/admin/dead-letters?group=${encodeURIComponent(g.group)}`}>{f.number(g.deadLetters)}</Link> : "–"}
                </td>
                <td className="num">{f.number(g.delivered)}</td>
                <td className="num">{f.number(g.failed)}</td>
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
  const query = useQuery(busQuery());
  return (
    <>
      <OpsHeader title={t("ops.bus.title")} />
      <Async query={query}>{(data) => <BusTables data={data} />}</Async>
    </>
  );
}
