// /admin/users: users by username or email prefix, paged; change a user's roles after a
// confirmation. The API guards what must not happen (e.g. the last admin's own role) and its
// message is shown.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AdminUserService } from "@shop/contracts/shop/user/v1/admin_pb.ts";
import { Role, type User } from "@shop/contracts/shop/user/v1/user_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useSession } from "../../auth/session.tsx";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { Field } from "../../ui/field.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { ConfirmButton } from "./confirm-button.tsx";

const roles: [Role, TextKey][] = [
  [Role.CUSTOMER, "admin.users.roleCustomer"],
  [Role.ADMIN, "admin.users.roleAdmin"],
];

function RolesEditor({ user, onDone }: { user: User; onDone: () => void }) {
  const t = useT();
  const [chosen, setChosen] = useState<Role[]>(user.roles);
  const save = useRpcMutation(AdminUserService.method.setUserRoles, { onSuccess: onDone });
  const names = roles.filter(([r]) => chosen.includes(r)).map(([, key]) => t(key));
  return (
    <fieldset className="roles">
      <legend>{t("admin.users.rolesOf", { name: user.username })}</legend>
      {roles.map(([role, key]) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(role)}
            onChange={(e) => setChosen((c) => (e.target.checked ? [...c, role] : c.filter((r) => r !== role)))}
          />{" "}
          {t(key)}
        </label>
      ))}
      {chosen.length === 0 && <p className="field-error">{t("admin.users.needRole")}</p>}
      <div className="row">
        <ConfirmButton
          label={t("admin.users.saveRoles")}
          question={t("admin.users.confirm", { name: user.username, roles: names.join(", ") })}
          confirmLabel={t("admin.users.confirmYes")}
          disabled={chosen.length === 0 || save.isPending}
          onConfirm={() => save.mutate({ userId: user.id, roles: chosen })}
        />
        <button type="button" onClick={onDone}>
          {t("app.cancel")}
        </button>
      </div>
      {save.error && <ErrorBox error={save.error} />}
    </fieldset>
  );
}

export function Component() {
  const t = useT();
  const f = useFormat();
  const me = useSession().user;
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<string | undefined>();
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(AdminUserService.method.listUsers, { query: query.trim(), pageSize: 20, pageToken: pages.token }));
  const roleNames = (u: User) =>
    roles
      .filter(([r]) => u.roles.includes(r))
      .map(([, key]) => t(key))
      .join(", ");
  return (
    <section>
      <h1>{t("admin.users.title")}</h1>
      <div className="admin-filters">
        <Field
          label={t("admin.users.search")}
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            pages.reset();
          }}
        />
      </div>
      <Async query={list}>
        {(page) => (
          <DataTable
            rows={page.users}
            rowKey={(u) => u.id}
            empty={t("app.empty")}
            columns={[
              {
                header: t("admin.users.user"),
                cell: (u) => (
                  <>
                    <strong>{u.username}</strong>
                    {u.id === me?.id && <span className="muted"> ({t("admin.users.you")})</span>}
                    <div className="muted">{u.email}</div>
                  </>
                ),
              },
              {
                header: t("admin.users.roles"),
                cell: (u) =>
                  editing === u.id ? (
                    <RolesEditor user={u} onDone={() => setEditing(undefined)} />
                  ) : (
                    <>
                      {roleNames(u)}{" "}
                      <button type="button" aria-label={t("admin.users.changeRolesOf", { name: u.username })} onClick={() => setEditing(u.id)}>
                        {t("admin.users.changeRoles")}
                      </button>
                    </>
                  ),
              },
              { header: t("admin.users.since"), cell: (u) => f.date(u.createdAt) },
            ]}
          >
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </DataTable>
        )}
      </Async>
    </section>
  );
}
