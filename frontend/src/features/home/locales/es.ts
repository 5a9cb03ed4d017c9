import type { Messages } from "../../../i18n/types";
import type en from "./en";

// home: missing keys fall back to English.
const es: Partial<Messages<typeof en>> = {
  "home.join.buyer": "Registrarse como comprador",
  "home.join.vendor": "Registrarse como proveedor",
  "home.join.buyer.body": "Publique lo que necesita o importe una hoja de cálculo y reciba proveedores verificados.",
  "home.join.vendor.body":
    "Publique sus productos y certificados; tras la verificación, los compradores le encuentran en seis idiomas.",
  "home.join.buyer.title": "Compradores",
  "home.join.vendor.title": "Proveedores",
  "home.lead":
    "MedMatch conecta a proveedores verificados de suministros médicos con los compradores que los necesitan: embajadas, organismos gubernamentales, hospitales, distribuidores y ONG.",
  "home.step1.title": "Proveedores verificados",
  "home.step1.body":
    "El personal revisa licencias y certificados antes de que un proveedor aparezca en el directorio o en las coincidencias.",
  "home.step2.title": "Solicitudes de compra",
  "home.step2.body": "Los compradores publican necesidades o las importan desde hojas de cálculo, en seis idiomas.",
  "home.step3.title": "Propuestas explicadas",
  "home.step3.body":
    "Cada candidato se clasifica según certificados, capacidad, plazo de entrega y precio, con los motivos a la vista.",
  "home.step4.title": "Presentaciones con seguimiento",
  "home.step4.body":
    "Una coincidencia aprobada revela los contactos a ambas partes y el resultado se sigue hasta el acuerdo.",
  "home.cta.suppliers": "Ver proveedores",
  "home.cta.requests": "Ver solicitudes de compra",
  "status.title": "Estado del sistema",
  "status.loading": "Comprobando…",
  "status.refresh": "Actualizar",
  "status.overall.ok": "Todos los sistemas operativos",
  "status.overall.degraded": "Servicio degradado",
  "status.unavailable": "Estado no disponible",
  "status.unavailableHint": "No se pudo contactar con el servicio de estado. Inténtelo de nuevo en un momento.",
  "status.state.ok": "OK",
  "status.state.down": "Caído",
  "status.state.unknown": "Desconocido",
  "status.component.database": "Base de datos",
  "status.component.search": "Búsqueda",
  "status.component.broker": "Intermediario de mensajes",
  "status.checkedAt": "Comprobado a las {time}",
};

export default es;
