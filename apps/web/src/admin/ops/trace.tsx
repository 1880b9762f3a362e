// One trace as a waterfall across services: a bar per span, placed by its start and length within
// the trace, nested under its parent and coloured by service. Each row says the same in words for
// screen readers (service, name, start offset, duration).
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import type { TraceDetail } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { traceQuery } from "./api.ts";
import { ms } from "./figures.ts";
import { OpsHeader } from "./tabs.tsx";
import { layout, serviceColour } from "./waterfall.ts";
import "./ops.css";

function Waterfall({ data }: { data: TraceDetail }) {
  const t = useT();
  const f = useFormat();
  const { bars, totalMs } = layout(data.spans);
  const services = [...new Set(data.spans.map((s) => s.service))].sort();
  return (
    <>
      <p>
        <code className="trace-id">{data.traceId}</code> · {t("ops.trace.summary", { n: data.spans.length, services: services.length, total: ms(f, totalMs) })}
      </p>
      <ul className="legend" aria-label={t("ops.trace.services")}>
        {services.map((s) => (
          <li key={s}>
            <span className="swatch" style={{ background: serviceColour(s) }} aria-hidden="true" /> {s}
          </li>
        ))}
      </ul>
      {data.unreachable.length > 0 && <p className="error">{t("ops.trace.unreachable", { list: data.unreachable.map((u) => u.service).join(", ") })}</p>}
      <ol className="waterfall" aria-label={t("ops.trace.title")}>
        {bars.map((b) => (
          <li key={b.span.spanId} className={b.span.error ? "span failed" : "span"} data-service={b.span.service}>
            <div className="span-label" style={{ paddingInlineStart: `${Math.min(b.depth, 12) * 0.75}rem` }}>
              <span className="swatch" style={{ background: serviceColour(b.span.service) }} aria-hidden="true" />
              <strong>{b.span.service}</strong> <span className="span-name">{b.span.name}</span>
              {b.span.error && <span className="badge health bad">{t("ops.traces.failed")}</span>}
            </div>
            <div className="span-track" aria-hidden="true">
              <div
                className="span-bar"
                style={{ left: `${b.left}%`, width: `${Math.min(b.width, 100 - b.left)}%`, background: serviceColour(b.span.service) }}
                title={`${b.span.service} ${b.span.name}: +${ms(f, b.offsetMs)}, ${ms(f, b.span.durationMs)}`}
              />
            </div>
            <div className="span-ms">
              <span className="visually-hidden">{t("ops.trace.startsAt", { at: ms(f, b.offsetMs) })} </span>
              {ms(f, b.span.durationMs)}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

export function Component() {
  const t = useT();
  const { traceId = "" } = useParams();
  const query = useQuery(traceQuery(traceId));
  return (
    <>
      <OpsHeader title={t("ops.trace.title")} />
      <p className="row">
        <Link to="/admin/ops/traces">{t("ops.trace.back")}</Link>
        <button type="button" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {t("ops.refresh")}
        </button>
      </p>
      <Async query={query}>{(data) => <Waterfall data={data} />}</Async>
    </>
  );
}
