// A button for a change that cannot be undone: the first press asks, inline, before anything happens
// (no window.confirm, so it reads well to a screen reader and in every language).
import { useState } from "react";
import { useT } from "../../i18n/i18n.tsx";

interface Props {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}

export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: Props) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="primary"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t("app.cancel")}
      </button>
    </span>
  );
}
