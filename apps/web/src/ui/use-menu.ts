import { useState } from "react";
import { useLocation } from "react-router";

/** The folding menu of a phone-sized layout: open until the next page. */
export function useMenu() {
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string>();
  const open = openOn === pathname;
  return { open, toggle: () => setOpenOn(open ? undefined : pathname) };
}
