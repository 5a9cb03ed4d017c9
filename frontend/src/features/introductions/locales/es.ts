import type { Messages } from "../../../i18n/types";
import type en from "./en";

// introductions: missing keys fall back to English.
const es: Partial<Messages<typeof en>> = {
  "introductions.title": "Presentaciones",
  "introductions.intro":
    "Coincidencias aprobadas entre un comprador y un proveedor, con seguimiento hasta su resultado.",
  "introductions.empty.title": "Aún no hay presentaciones",
  "introductions.empty.body":
    "Cuando el personal aprueba una propuesta, ambas partes se presentan aquí y pueden ver los contactos de la otra.",
  "introductions.supplier": "Proveedor",
  "introductions.buyer": "Comprador",
  "introductions.yourOrganization": "Su organización",
  "introductions.noContacts": "No hay contactos registrados.",
  "introductions.forRequest": "Para",
  "introductions.since": "Presentados el {date}",
  "introductions.productGone": "Producto retirado",
  "introductions.dealSummary": "Acuerdo: {quantity} unidades por {value}.",
  "introductions.noDealReason": "Sin acuerdo:",
  "introductions.outcome.title": "Registrar el resultado",
  "introductions.outcome.quantity": "Cantidad acordada",
  "introductions.outcome.value": "Valor total",
  "introductions.outcome.currency": "Moneda",
  "introductions.outcome.reason": "¿Por qué no hubo acuerdo?",
  "introductions.outcome.note": "Nota (opcional)",
  "introductions.outcome.save": "Guardar resultado",
  "introductions.overdue": "Atrasada",
  "introductions.overdueHint": "Sigue sin respuesta pasado el plazo de respuesta",
  "introductions.filter.overdue": "Solo atrasadas",
  "introductions.emptyOverdue.title": "Nada atrasado",
  "introductions.emptyOverdue.body": "Todas las presentaciones a la espera de respuesta siguen dentro de su plazo.",
};

export default es;
