// The operations view's sections, as tabs over every page of the area.
import { NavLink } from "react-router";
import { useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";

const tabs: [string, TextKey][] = [
  ["/admin/ops", "ops.tab.services"],
  ["/admin/ops/traces", "ops.tab.traces"],
  ["/admin/ops/routes", "ops.tab.routes"],
  ["/admin/ops/bus", "ops.tab.bus"],
  ["/admin/dead-letters", "ops.tab.deadLetters"],
];

export function OpsHeader({ title }: { title: string }) {
  const t = useT();
  return (
    <>
      <nav className="ops-tabs" aria-label={t("ops.title")}>
        {tabs.map(([to, key]) => (
          <NavLink key={to} to={to} end={to === "/admin/ops"}>
            {t(key)}
          </NavLink>
        ))}
      </nav>
      <h1>{title}</h1>
    </>
  );
}
