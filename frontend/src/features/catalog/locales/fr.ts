import type { Messages } from "../../../i18n/types";
import type en from "./en";

// catalog: missing keys fall back to English.
const fr: Partial<Messages<typeof en>> = {
  "catalog.breadcrumb": "Fil d'Ariane",
  "catalog.backToDirectory": "Retour à l'annuaire des fournisseurs",
  "catalog.loading": "Chargement…",
  "catalog.noProducts": "Aucun autre produit publié.",
  "catalog.category": "Catégorie",
  "catalog.hsCode": "Code SH",
  "catalog.model": "Modèle",
  "catalog.price": "Prix unitaire",
  "catalog.moq": "Commande minimale",
  "catalog.capacity": "Capacité",
  "catalog.perDay": "{count} {unit} par jour",
  "catalog.leadTime": "Délai de livraison",
  "catalog.days": "{count} jours",
  "catalog.incoterms": "Incoterms",
  "catalog.origin": "Origine",
  "catalog.standards": "Normes",
  "catalog.unit.other": "{unit}",
  "catalog.product.title": "Produit",
  "catalog.product.missing": "Ce produit n'est pas dans l'annuaire",
  "catalog.product.facts": "Caractéristiques et conditions",
  "catalog.product.others": "Autres produits de ce fournisseur",
  "catalog.supplier.title": "Fournisseur",
  "catalog.supplier.missing": "Ce fournisseur n'est pas dans l'annuaire",
  "catalog.supplier.verified": "Vérifié",
  "catalog.supplier.products": "Produits",
  "catalog.certificates.title": "Certificats",
  "catalog.certificates.none": "Aucun certificat enregistré.",
  "catalog.certificates.noNumber": "Certificat",
  "catalog.certificates.issuer": "Délivré par",
  "catalog.certificates.markets": "Valable pour",
  "catalog.certificates.standards": "Normes",
  "catalog.certificates.validity": "Validité",
  "catalog.certificates.range": "{from} – {until}",
  "catalog.certificates.valid": "Valide",
  "catalog.certificates.expired": "Expiré",
};

export default fr;
