import { Link, useSearchParams } from "react-router";
import { ErrorNotice, Loading, PageHeader, Pagination } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { CheckIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useNotifications } from "./hooks";

function NotificationCentre() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const onlyUnread = params.get("unread") === "true";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { list, markRead, markAllRead } = useNotifications(onlyUnread, page);
  const anyUnread = list.data?.results.some((item) => item.read_at === null) ?? false;

  return (
    <>
      <div className="toolbar">
        <label className="checkbox-field">
          <input
            type="checkbox"
            checked={onlyUnread}
            onChange={(event) => setParams(event.target.checked ? { unread: "true" } : {})}
            data-testid="only-unread"
          />{" "}
          {t("notifications.onlyUnread")}
        </label>
        <div className="toolbar__end">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={markAllRead.isPending || (!anyUnread && !onlyUnread)}
            onClick={() => markAllRead.mutate({})}
            data-testid="mark-all-read"
          >
            {t("notifications.markAllRead")}
          </button>
        </div>
      </div>
      {list.isLoading ? <Loading /> : null}
      {list.error ? <ErrorNotice error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.results.length === 0 ? (
        <EmptyState icon={<CheckIcon />} title={t("notifications.empty.title")} body={t("notifications.empty.body")} />
      ) : null}
      <ul className="card-list" data-testid="notifications">
        {list.data?.results.map((item) => (
          <li
            key={item.id}
            className={`card notification${item.read_at ? "" : " notification--unread"}`}
            data-testid="notification"
            data-unread={item.read_at === null}
          >
            <div className="notification__main">
              <h2 className="notification__title">{item.title}</h2>
              {item.body ? <p>{item.body}</p> : null}
              <p className="muted small">
                <time dateTime={item.created_at}>{formatDate(item.created_at, lang)}</time>
                {item.introduction ? (
                  <>
                    {" · "}
                    <Link to="/introductions">{t("notifications.open")}</Link>
                  </>
                ) : null}
              </p>
            </div>
            {item.read_at === null ? (
              <button
                type="button"
                className="button button--ghost button--small"
                disabled={markRead.isPending}
                onClick={() => markRead.mutate({ params: { path: { notification_id: item.id } } })}
                data-testid="mark-read"
              >
                {t("notifications.markRead")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {list.data ? (
        <Pagination
          page={page}
          pageCount={Math.ceil(list.data.count / 20)}
          onPage={(next) => {
            const nextParams = new URLSearchParams(params);
            nextParams.set("page", String(next));
            setParams(nextParams);
          }}
        />
      ) : null}
    </>
  );
}

export function NotificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("notifications.title"));
  return (
    <section>
      <PageHeader title={t("notifications.title")} intro={t("notifications.intro")} />
      <RoleGate allow={["vendor", "buyer", "staff", "admin", "none"]} audience="notifications.audience">
        {() => <NotificationCentre />}
      </RoleGate>
    </section>
  );
}
