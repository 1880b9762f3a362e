// Dead letters by consumer group: what failed and why, the event itself, and replay of one letter
// or all of them after a confirmation. The group is in the URL (?group=), so the bus page links here.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import type { DeadLettersAnswer } from "@shop/gateway/console-answers";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { busQuery, deadLettersQuery, useReplay, type ReplayRequest } from "./api.ts";
import { OpsHeader } from "./tabs.tsx";
import "./ops.css";

function Letters({ data, onReplay }: { data: DeadLettersAnswer; onReplay: (r: ReplayRequest) => void }) {
  const t = useT();
  const f = useFormat();
  if (!data.deadLetters.length) return <p className="notice">{t("ops.dl.none")}</p>;
  return (
    <>
      <p className="row">
        <button type="button" className="primary" onClick={() => onReplay({ group: data.group, all: true })}>
          {t("ops.dl.replayAll", { n: data.deadLetters.length })}
        </button>
      </p>
      <DataTable
        rows={data.deadLetters}
        rowKey={(d) => d.id}
        rowData={(d) => ({ "data-letter": d.id })}
        className="ops-table"
        scoped
        columns={[
          {
            header: t("ops.dl.event"),
            cell: (d) => (
              <>
                <code>{d.topic}</code>
                <details>
                  <summary>{t("ops.dl.payload")}</summary>
                  <p className="muted">
                    <code>{d.id}</code> · {d.type}
                  </p>
                  <pre>{d.payload === null ? t("ops.dl.undecodable", { n: d.payloadBytes }) : JSON.stringify(d.payload, null, 2)}</pre>
                </details>
              </>
            ),
          },
          { header: t("ops.dl.failedAt"), cell: (d) => f.dateTime(new Date(d.failedAt)) },
          { header: t("ops.dl.attempts"), className: "num", cell: (d) => f.number(d.attempts) },
          { header: t("ops.dl.error"), className: "dl-error", cell: (d) => d.error },
          {
            header: t("ops.dl.actions"),
            cell: (d) => (
              <button type="button" onClick={() => onReplay({ group: data.group, ids: [d.id] })} aria-label={t("ops.dl.replayOneLabel", { id: d.id })}>
                {t("ops.dl.replay")}
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

function Confirm({
  request,
  count,
  onConfirm,
  onCancel,
  busy,
}: {
  request: ReplayRequest;
  count: number;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const t = useT();
  const id = useId();
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{t("ops.dl.confirm", { n: "ids" in request ? request.ids.length : count, group: request.group })}</p>
      <p className="row">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy} autoFocus>
          {t("ops.dl.confirmButton")}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t("app.cancel")}
        </button>
      </p>
    </div>
  );
}

export function Component() {
  const t = useT();
  const selectId = useId();
  const [params, setParams] = useSearchParams();
  const group = params.get("group") ?? "";
  const bus = useQuery(busQuery());
  const letters = useQuery({ ...deadLettersQuery(group), enabled: group !== "" });
  const replay = useReplay();
  const [pending, setPending] = useState<ReplayRequest>();
  const groups = (bus.data?.groups ?? []).filter((g) => g.durable);
  const choose = (next: string) => {
    setPending(undefined);
    replay.reset();
    setParams(next ? { group: next } : {});
  };
  return (
    <>
      <OpsHeader title={t("ops.dl.title")} />
      <div className="field ops-filter">
        <label htmlFor={selectId}>{t("ops.dl.group")}</label>
        <select id={selectId} value={group} onChange={(e) => choose(e.target.value)}>
          <option value="">{t("ops.dl.chooseGroup")}</option>
          {groups.map((g) => (
            <option key={g.group} value={g.group}>
              {g.group} ({g.deadLetters})
            </option>
          ))}
          {group && !groups.some((g) => g.group === group) && <option value={group}>{group}</option>}
        </select>
      </div>
      {bus.error != null && <ErrorBox error={bus.error} retry={() => void bus.refetch()} />}
      {replay.data && (
        <p className="notice" role="status">
          {t("ops.dl.replayed", { n: replay.data.replayed, group: replay.data.group })}
        </p>
      )}
      {replay.error && <ErrorBox error={replay.error} />}
      {pending && (
        <Confirm
          request={pending}
          count={letters.data?.deadLetters.length ?? 0}
          busy={replay.isPending}
          onCancel={() => setPending(undefined)}
          onConfirm={() => replay.mutate(pending, { onSettled: () => setPending(undefined) })}
        />
      )}
      {group ? (
        <Async query={letters}>
          {(data) => (
            <Letters
              data={data}
              onReplay={(r) => {
                replay.reset();
                setPending(r);
              }}
            />
          )}
        </Async>
      ) : (
        <p className="muted">{t("ops.dl.pick")}</p>
      )}
    </>
  );
}
