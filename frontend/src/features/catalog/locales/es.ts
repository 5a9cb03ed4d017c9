import type { Messages } from "../../../i18n/types";
import type en from "./en";

// catalog: missing keys fall back to English.
const es: Partial<Messages<typeof en>> = {
  "catalog.breadcrumb": "Ruta de navegación",
  "catalog.backToDirectory": "Volver al directorio de proveedores",
  "catalog.loading": "Cargando…",
  "catalog.noProducts": "No hay otros productos publicados.",
  "catalog.category": "Categoría",
  "catalog.hsCode": "Código SA",
  "catalog.model": "Modelo",
  "catalog.price": "Precio unitario",
  "catalog.moq": "Pedido mínimo",
  "catalog.capacity": "Capacidad",
  "catalog.perDay": "{count} {unit} por día",
  "catalog.leadTime": "Plazo de entrega",
  "catalog.days": "{count} días",
  "catalog.incoterms": "Incoterms",
  "catalog.origin": "Origen",
  "catalog.standards": "Normas",
  "catalog.unit.other": "{unit}",
  "catalog.product.title": "Producto",
  "catalog.product.missing": "Este producto no está en el directorio",
  "catalog.product.facts": "Especificaciones y condiciones",
  "catalog.product.others": "Otros productos de este proveedor",
  "catalog.supplier.title": "Proveedor",
  "catalog.supplier.missing": "Este proveedor no está en el directorio",
  "catalog.supplier.verified": "Verificado",
  "catalog.supplier.products": "Productos",
  "catalog.certificates.title": "Certificados",
  "catalog.certificates.none": "No hay certificados registrados.",
  "catalog.certificates.noNumber": "Certificado",
  "catalog.certificates.issuer": "Emitido por",
  "catalog.certificates.markets": "Válido para",
  "catalog.certificates.standards": "Normas",
  "catalog.certificates.validity": "Validez",
  "catalog.certificates.range": "{from} – {until}",
  "catalog.certificates.valid": "Vigente",
  "catalog.certificates.expired": "Vencido",
};

export default es;
