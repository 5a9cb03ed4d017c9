import type { Messages } from "../../../i18n/types";
import type en from "./en";

// consultations: Spanish, complete (the type requires every key).
const es: Messages<typeof en> = {
  "consultations.nav": "Asesoría jurídica",
  "consultations.title": "Consultas jurídicas",
  "consultations.intro":
    "Consulte a un asesor sobre fuerza mayor, contratos y arbitraje, antidumping y otras medidas de defensa comercial, o crédito y seguro a la exportación. Gratis para los miembros; solo su organización, el asesor y el personal pueden leer la conversación.",
  "consultations.empty": "Aún no hay consultas.",
  "consultations.ask.title": "Hacer una pregunta",
  "consultations.ask.submit": "Enviar la pregunta",
  "consultations.topic": "Tema",
  "consultations.subject": "Asunto",
  "consultations.description": "Su pregunta",
  "consultations.attachments": "Adjuntos (PDF, PNG o JPEG)",
  "consultations.member": "Miembro",
  "consultations.adviser": "Asesor",
  "consultations.status.label": "Estado",
  "consultations.status.open": "Esperando asesor",
  "consultations.status.assigned": "Con un asesor",
  "consultations.status.closed": "Cerrada",
  "consultations.topic.force_majeure": "Fuerza mayor",
  "consultations.topic.contracts_arbitration": "Contratos y arbitraje",
  "consultations.topic.trade_remedies": "Defensa comercial (antidumping, etc.)",
  "consultations.topic.export_credit_insurance": "Crédito y seguro a la exportación",
  "consultations.topic.other": "Otro",
  "consultations.thread": "Mensajes",
  "consultations.noMessages": "Aún no hay mensajes.",
  "consultations.reply": "Su mensaje",
  "consultations.send": "Enviar",
  "consultations.assign.label": "Asignar al asesor",
  "consultations.assign.submit": "Asignar",
  "consultations.outcome": "Resultado",
  "consultations.close": "Cerrar con este resultado",
};

export default es;
