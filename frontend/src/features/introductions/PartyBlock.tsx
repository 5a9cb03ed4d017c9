// One party of an introduction: the organisation and, once introduced, its contact people.
import type { ContactOutput, IntroductionParty } from "../../api";
import { countryName } from "../../format";
import { useI18n } from "../../i18n";

function ContactCard({ contact }: { contact: ContactOutput }) {
  const { t } = useI18n();
  return (
    <li className="contact" data-testid="contact">
      <strong dir="auto">{contact.name}</strong>
      {contact.role ? <span className="muted small"> · {contact.role}</span> : null}
      <dl className="contact__lines">
        {contact.email ? (
          <div>
            <dt>{t("contact.email")}</dt>
            <dd>
              <a href={`mailto:${contact.email}`} dir="ltr">
                {contact.email}
              </a>
            </dd>
          </div>
        ) : null}
        {contact.phone ? (
          <div>
            <dt>{t("contact.phone")}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                {contact.phone}
              </a>
            </dd>
          </div>
        ) : null}
        {contact.wechat ? (
          <div>
            <dt>{t("contact.wechat")}</dt>
            <dd dir="ltr">{contact.wechat}</dd>
          </div>
        ) : null}
        {contact.whatsapp ? (
          <div>
            <dt>{t("contact.whatsapp")}</dt>
            <dd dir="ltr">{contact.whatsapp}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

export function PartyBlock({ party, role }: { party: IntroductionParty; role: "vendor" | "buyer" }) {
  const { t, lang } = useI18n();
  return (
    <section className="party" data-testid={`party-${role}`}>
      <h4>{t(role === "vendor" ? "introductions.supplier" : "introductions.buyer")}</h4>
      <p className="party__name">
        <strong dir="auto">{party.name}</strong>
        <span className="muted">
          {" · "}
          {countryName(party.country, lang)}
          {party.city ? `, ${party.city}` : ""}
        </span>
      </p>
      {party.website ? (
        <p className="small">
          <a href={party.website} target="_blank" rel="noreferrer noopener" dir="ltr">
            {party.website}
          </a>
        </p>
      ) : null}
      {party.contacts === null ? (
        <p className="muted small">{t("introductions.yourOrganization")}</p>
      ) : party.contacts.length === 0 ? (
        <p className="muted small">{t("introductions.noContacts")}</p>
      ) : (
        <ul className="contacts">
          {party.contacts.map((contact, index) => (
            <ContactCard key={contact.id ?? index} contact={contact} />
          ))}
        </ul>
      )}
    </section>
  );
}
