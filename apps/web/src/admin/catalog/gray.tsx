// /admin/gray: the gray-release rules in force, the traffic each canary got since they loaded, a
// refused rules file if any; add, change or remove a rule (the whole document is written at once).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { ConfirmButton } from "./confirm-button.tsx";
import { getGray, grayKey, putGray, type GrayRule, type GrayView } from "./gray-api.ts";
import { GrayRuleForm } from "./gray-rule-form.tsx";

function Rules({ view }: { view: GrayView }) {
  const t = useT();
  const f = useFormat();
  const client = useQueryClient();
  const [editing, setEditing] = useState<string | undefined>();
  const current = Object.fromEntries(Object.entries(view.services).map(([name, s]) => [name, s.rule]));
  const save = useMutation({
    mutationFn: putGray,
    onSuccess: (next) => {
      client.setQueryData(grayKey, next);
      setEditing(undefined);
    },
  });
  const put = (services: Record<string, GrayRule>) => save.mutate(services);
  const rows = Object.keys(view.services)
    .sort()
    .map((name) => ({ name, ...view.services[name]! }));
  return (
    <>
      {view.file ? (
        <p className="muted">{t("admin.gray.file", { file: view.file, at: f.dateTime(new Date(view.loadedAt)) })}</p>
      ) : (
        <p className="notice">{t("admin.gray.noFile")}</p>
      )}
      {view.refused && (
        <div className="error" role="alert">
          {t("admin.gray.refused", { at: f.dateTime(new Date(view.refused.at)) })} <code>{view.refused.error}</code>
        </div>
      )}
      <DataTable
        rows={rows}
        rowKey={(r) => r.name}
        empty={t("admin.gray.none")}
        columns={[
          { header: t("admin.gray.service"), cell: (r) => r.name },
          {
            header: t("admin.gray.rule"),
            cell: ({ rule }) => (
              <>
                {t("admin.gray.ruleText", { version: rule.version, percent: rule.percent })}
                {rule.users.length > 0 && <div className="muted">{t("admin.gray.usersCount", { n: rule.users.length })}</div>}
                {rule.header && <div className="muted">{`${rule.header.name}: ${rule.header.value}`}</div>}
              </>
            ),
          },
          {
            header: t("admin.gray.observed"),
            cell: ({ observed }) => (
              <>
                {t("admin.gray.observedText", { canary: observed.canary, stable: observed.stable, percent: observed.canaryPercent })}
                {observed.fallbacks > 0 && <div className="muted">{t("admin.gray.fallbacks", { n: observed.fallbacks })}</div>}
              </>
            ),
          },
          {
            header: <span className="visually-hidden">{t("admin.actions")}</span>,
            className: "row",
            cell: ({ name }) => (
              <>
                <button type="button" aria-label={t("admin.gray.editRule", { service: name })} onClick={() => setEditing(name)}>
                  {t("admin.edit")}
                </button>
                <ConfirmButton
                  label={t("admin.delete")}
                  question={t("admin.gray.removeQuestion", { service: name })}
                  confirmLabel={t("admin.gray.removeYes")}
                  onConfirm={() => put(Object.fromEntries(Object.entries(current).filter(([n]) => n !== name)))}
                />
              </>
            ),
          },
        ]}
      />
      {save.error && <ErrorBox error={save.error} />}
      {editing === undefined ? (
        <button type="button" onClick={() => setEditing("")}>
          {t("admin.gray.newRule")}
        </button>
      ) : (
        <GrayRuleForm
          key={editing}
          {...(editing ? { service: editing, rule: current[editing]! } : {})}
          pending={save.isPending}
          onSave={(service, rule) => put({ ...current, [service]: rule })}
          onCancel={() => setEditing(undefined)}
        />
      )}
    </>
  );
}

export function Component() {
  const t = useT();
  const view = useQuery({ queryKey: grayKey, queryFn: getGray });
  return (
    <section>
      <h1>{t("admin.gray.title")}</h1>
      <p className="muted">{t("admin.gray.intro")}</p>
      <Async query={view}>{(v) => <Rules view={v} />}</Async>
    </section>
  );
}
