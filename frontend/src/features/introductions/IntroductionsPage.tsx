import { useState } from "react";
import { useSearchParams } from "react-router";
import { introductionStatusEnumValues } from "../../api";
import type { ApiData, IntroductionOutput } from "../../api";
import type { User } from "../../auth";
import { ErrorNotice, Loading, PageHeader, Pagination, useEnumLabel } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { PeopleIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { INTRODUCTIONS_PAGE_SIZE, useIntroductions } from "./hooks";
import { IntroductionCard } from "./IntroductionCard";

export const INTRODUCTION_STATUSES = introductionStatusEnumValues;

type Introduction = IntroductionOutput;

type IntroductionPage = ApiData<"/api/v1/introductions/">;

function IntroductionsView({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const status = INTRODUCTION_STATUSES.find((s) => s === params.get("status")) ?? "";
  const overdue = params.get("overdue") === "true";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const query = {
    ...(status ? { status } : {}),
    ...(overdue ? { overdue: "true" } : {}),
    ...(page > 1 ? { page } : {}),
    page_size: INTRODUCTIONS_PAGE_SIZE,
  };
  const list = useIntroductions(query);
  // No introductions endpoint on this server (yet): shown as empty rather than broken.
  const data: IntroductionPage | undefined =
    list.error?.status === 404 ? { count: 0, next: null, previous: null, results: [] } : list.data;

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== "page") next.delete("page");
    setParams(next);
  };

  return (
    <>
      <div className="toolbar">
        <label className="inline-field">
          <span>{t("requests.filter.status")}</span>
          <select
            value={status}
            onChange={(e) => setFilter("status", e.target.value)}
            data-testid="introduction-status"
          >
            <option value="">{t("requests.filter.all")}</option>
            {INTRODUCTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {enumLabel("introductionStatus", s)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setFilter("overdue", e.target.checked ? "true" : "")}
            data-testid="introduction-overdue-filter"
          />
          <span>{t("introductions.filter.overdue")}</span>
        </label>
        {data ? <span className="muted">{t("common.total", { count: formatNumber(data.count, lang) })}</span> : null}
      </div>
      {list.error && !data ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<PeopleIcon />}
            title={overdue ? t("introductions.emptyOverdue.title") : t("introductions.empty.title")}
            body={overdue ? t("introductions.emptyOverdue.body") : t("introductions.empty.body")}
          />
        </div>
      ) : (
        <>
          {/* Outcomes saved here show on their card until the list is next loaded. */}
          <IntroductionList key={JSON.stringify(query)} introductions={data.results} user={user} />
          <Pagination
            page={page}
            pageCount={Math.ceil(data.count / INTRODUCTIONS_PAGE_SIZE)}
            onPage={(p) => setFilter("page", p > 1 ? String(p) : "")}
          />
        </>
      )}
    </>
  );
}

function IntroductionList({ introductions, user }: { introductions: Introduction[]; user: User }) {
  const [saved, setSaved] = useState<Map<number, Introduction>>(new Map());
  return (
    <ol className="introduction-list">
      {introductions.map((listed) => {
        const introduction = saved.get(listed.id) ?? listed;
        return (
          <li key={introduction.id}>
            <IntroductionCard
              introduction={introduction}
              user={user}
              onSaved={(updated) => setSaved((current) => new Map(current).set(updated.id, updated))}
            />
          </li>
        );
      })}
    </ol>
  );
}

export function IntroductionsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("introductions.title"));
  return (
    <section className="section-page">
      <PageHeader title={t("introductions.title")} intro={t("introductions.intro")} />
      <RoleGate allow={["vendor", "buyer", "staff", "admin"]} audience="gate.audience.members">
        {(user) => <IntroductionsView user={user} />}
      </RoleGate>
    </section>
  );
}
