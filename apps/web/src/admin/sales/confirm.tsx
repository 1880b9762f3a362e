// An inline two-step confirmation for an action that cannot be undone: the button asks first, in
// the page (no modal to trap focus), then the admin confirms or cancels.
import { useState, type ReactNode } from "react";
import { useT } from "../../i18n/i18n.tsx";

interface ConfirmProps {
  label: string;
  question: string;
  yes: string;
  busy: boolean;
  onConfirm: () => void;
  /** Asked beside the question (a reason field); Yes waits for `ready`. */
  children?: ReactNode;
  ready?: boolean;
}

export function Confirm({ label, question, yes, busy, onConfirm, children, ready = true }: ConfirmProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="notice sales-confirm" role="group" aria-label={label}>
      <p>{question}</p>
      {children}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy || !ready}
          onClick={() => {
            onConfirm();
          }}
        >
          {yes}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {t("app.cancel")}
        </button>
      </div>
    </div>
  );
}
