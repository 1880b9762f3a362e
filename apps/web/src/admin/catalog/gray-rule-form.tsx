// One gray rule's fields: the service, the canary version, the share of traffic, chosen users and a
// header that always picks the canary. Checked again by the gateway, whose violations are shown.
import { useId, useState, type FormEvent } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { deployables, type GrayRule } from "./gray-api.ts";

interface Props {
  service?: string;
  rule?: GrayRule;
  pending: boolean;
  onSave: (service: string, rule: GrayRule) => void;
  onCancel: () => void;
}

export function GrayRuleForm({ service: initialService, rule, pending, onSave, onCancel }: Props) {
  const t = useT();
  const listId = useId();
  const usersId = useId();
  const [service, setService] = useState(initialService ?? "");
  const [version, setVersion] = useState(rule?.version ?? "");
  const [percent, setPercent] = useState(String(rule?.percent ?? 0));
  const [users, setUsers] = useState((rule?.users ?? []).join("\n"));
  const [headerName, setHeaderName] = useState(rule?.header?.name ?? "");
  const [headerValue, setHeaderValue] = useState(rule?.header?.value ?? "");
  const [bad, setBad] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const share = Number(percent);
    if (!Number.isFinite(share) || share < 0 || share > 100) return setBad(t("admin.gray.badPercent"));
    setBad(undefined);
    const list = users
      .split(/[\s,]+/)
      .map((u) => u.trim())
      .filter(Boolean);
    const header = headerName.trim() || headerValue.trim() ? { header: { name: headerName.trim(), value: headerValue.trim() } } : {};
    onSave(service.trim(), { version: version.trim(), percent: share, users: list, ...header });
  };
  return (
    <form onSubmit={submit} className="card" aria-label={initialService ? t("admin.gray.editRule", { service: initialService }) : t("admin.gray.newRule")}>
      <Field label={t("admin.gray.service")} list={listId} value={service} onChange={(e) => setService(e.target.value)} required readOnly={!!initialService} />
      <datalist id={listId}>
        {deployables.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <Field label={t("admin.gray.version")} value={version} onChange={(e) => setVersion(e.target.value)} required />
      <Field
        label={t("admin.gray.percent")}
        type="number"
        min={0}
        max={100}
        step="0.01"
        value={percent}
        onChange={(e) => setPercent(e.target.value)}
        error={bad}
      />
      <div className="field">
        <label htmlFor={usersId}>{t("admin.gray.users")}</label>
        <textarea id={usersId} rows={3} value={users} onChange={(e) => setUsers(e.target.value)} />
      </div>
      <div className="admin-filters">
        <Field label={t("admin.gray.headerName")} value={headerName} onChange={(e) => setHeaderName(e.target.value)} />
        <Field label={t("admin.gray.headerValue")} value={headerValue} onChange={(e) => setHeaderValue(e.target.value)} />
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={pending}>
          {t("admin.gray.save")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("app.cancel")}
        </button>
      </div>
    </form>
  );
}
