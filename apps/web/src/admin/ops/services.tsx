// Services and instances (the view's first page): every deployable found through the registry,
// each instance with its health, version, uptime and readiness checks; read again every 5 s.
import { useQuery } from "@tanstack/react-query";
import type { ServicesAnswer } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { servicesQuery } from "./api.ts";
import { HealthBadge } from "./badge.tsx";
import { uptime } from "./figures.ts";
import { OpsHeader } from "./tabs.tsx";
import "./ops.css";

function ServicesTable({ data }: { data: ServicesAnswer }) {
  const t = useT();
  const f = useFormat();
  const healthy = data.services.filter((s) => s.ready).length;
  return (
    <>
      <p className={healthy === data.services.length ? "ops-summary" : "error"} role="status">
        {t("ops.services.summary", { n: healthy, total: data.services.length })} · {t("ops.checkedAt", { at: f.dateTime(new Date(data.checkedAt)) })}
      </p>
      <div className="table-wrap">
        <table className="ops-table">
          <caption className="visually-hidden">{t("ops.services.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ops.services.service")}</th>
              <th scope="col">{t("ops.services.health")}</th>
              <th scope="col">{t("ops.services.instance")}</th>
              <th scope="col">{t("ops.services.version")}</th>
              <th scope="col">{t("ops.services.uptime")}</th>
              <th scope="col">{t("ops.services.checks")}</th>
            </tr>
          </thead>
          <tbody>
            {data.services.map((s) =>
              s.instances.length === 0 ? (
                <tr key={s.name} data-service={s.name}>
                  <th scope="row">{s.name}</th>
                  <td>
                    <HealthBadge ok={false} />
                  </td>
                  <td colSpan={4}>{t("ops.services.noInstance")}</td>
                </tr>
              ) : (
                s.instances.map((i) => (
                  <tr key={i.id} data-service={s.name}>
                    <th scope="row">{s.name}</th>
                    <td>
                      <HealthBadge ok={i.ready} />
                    </td>
                    <td>
                      <code>{i.address}</code>
                      {i.self && <span className="muted"> ({t("ops.services.self")})</span>}
                    </td>
                    <td>{i.version}</td>
                    <td>{uptime(t, i.uptimeSeconds)}</td>
                    <td className="checks">
                      {Object.entries(i.checks)
                        .map(([name, state]) => `${name}: ${state}`)
                        .join(", ") || "–"}
                    </td>
                  </tr>
                ))
              ),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function Component() {
  const t = useT();
  const query = useQuery(servicesQuery());
  return (
    <>
      <OpsHeader title={t("ops.services.title")} />
      <Async query={query}>{(data) => <ServicesTable data={data} />}</Async>
    </>
  );
}
