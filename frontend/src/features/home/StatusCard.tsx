import { useCallback, useEffect, useRef, useState } from "react";
import { fetchHealth, KNOWN_COMPONENTS } from "./health";
import type { ComponentHealth, HealthReport, KnownComponent } from "./health";
import { useI18n } from "../../i18n";

type State =
  | { kind: "loading"; previous?: HealthReport }
  | { kind: "ready"; report: HealthReport; checkedAt: Date }
  | { kind: "unavailable" };

function isKnown(name: string): name is KnownComponent {
  return (KNOWN_COMPONENTS as readonly string[]).includes(name);
}

export function StatusCard() {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>({ kind: "loading" });
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(() => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState((prev) => ({ kind: "loading", previous: prev.kind === "ready" ? prev.report : undefined }));
    fetchHealth(current.signal).then(
      (report) => {
        if (!current.signal.aborted) setState({ kind: "ready", report, checkedAt: new Date() });
      },
      () => {
        if (!current.signal.aborted) setState({ kind: "unavailable" });
      },
    );
  }, []);

  useEffect(() => {
    load();
    return () => controller.current?.abort();
  }, [load]);

  const label = (c: ComponentHealth) => (isKnown(c.name) ? t(`status.component.${c.name}`) : c.name);
  const report = state.kind === "ready" ? state.report : state.kind === "loading" ? state.previous : undefined;

  let summary: { tone: string; text: string };
  if (state.kind === "unavailable") summary = { tone: "down", text: t("status.unavailable") };
  else if (state.kind === "loading") summary = { tone: "pending", text: t("status.loading") };
  else if (state.report.status === "ok") summary = { tone: "ok", text: t("status.overall.ok") };
  else summary = { tone: "down", text: t("status.overall.degraded") };

  return (
    <section className="card status-card" aria-labelledby="status-title" data-testid="status-card">
      <div className="status-card__head">
        <h2 id="status-title">{t("status.title")}</h2>
        <button type="button" className="button button--ghost" onClick={load} disabled={state.kind === "loading"}>
          {t("status.refresh")}
        </button>
      </div>
      <p className={`status-summary status-summary--${summary.tone}`} role="status" data-testid="status-summary">
        <span className="dot" aria-hidden="true" />
        {summary.text}
      </p>
      {state.kind === "unavailable" ? (
        <p className="muted">{t("status.unavailableHint")}</p>
      ) : report ? (
        <ul className="status-list">
          {report.components.map((c) => (
            <li key={c.name} className="status-row" data-testid={`component-${c.name}`} data-status={c.status}>
              <span className="status-row__name">{label(c)}</span>
              {c.detail ? (
                <span className="status-row__detail">
                  <bdi>{c.detail}</bdi>
                </span>
              ) : null}
              <span className={`pill pill--${c.status}`}>{t(`status.state.${c.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="status-list" aria-hidden="true">
          {KNOWN_COMPONENTS.map((name) => (
            <li key={name} className="status-row status-row--placeholder">
              <span className="status-row__name">{t(`status.component.${name}`)}</span>
              <span className="pill pill--unknown">…</span>
            </li>
          ))}
        </ul>
      )}
      {state.kind === "ready" ? (
        <p className="status-card__foot muted">
          {t("status.checkedAt", {
            time: state.checkedAt.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
          })}
        </p>
      ) : null}
    </section>
  );
}
