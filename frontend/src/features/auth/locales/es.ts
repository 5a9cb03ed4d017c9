import type { Messages } from "../../../i18n/types";
import type en from "./en";

// auth: missing keys fall back to English.
const es: Partial<Messages<typeof en>> = {
  "login.intro": "Proveedores, compradores y personal de MedMatch inician sesión aquí.",
  "login.busy": "Iniciando sesión…",
  "login.noAccount": "¿Aún no tiene cuenta?",
  "login.already": "Ha iniciado sesión como {email}.",
  "login.continue": "Continuar",
  "register.title": "Crear una cuenta",
  "register.intro":
    "Registre su organización. Los proveedores aparecen cuando el personal ha verificado sus documentos.",
  "register.kind": "Represento a",
  "register.kind.buyer": "Un comprador",
  "register.kind.buyer.hint": "Embajada, organismo público, hospital, distribuidor u ONG.",
  "register.kind.vendor": "Un proveedor",
  "register.kind.vendor.hint": "Fabricante o exportador de suministros médicos.",
  "register.organization": "Organización",
  "register.buyerType": "Tipo de comprador",
  "register.organizationName": "Nombre de la organización",
  "register.country": "País",
  "register.city": "Ciudad",
  "register.uscc": "Código de Crédito Social Unificado (USCC)",
  "register.uscc.hint": "El código de 18 caracteres de la licencia comercial china.",
  "register.you": "Usted",
  "register.fullName": "Nombre completo",
  "register.phone": "Teléfono",
  "register.password.hint": "Al menos 8 caracteres.",
  "register.privacy":
    "Sus datos de contacto solo se muestran a otra organización cuando el personal aprueba una presentación.",
  "register.submit": "Crear cuenta",
  "register.busy": "Creando…",
  "register.checkEmail.title": "Revise su correo",
  "register.checkEmail.body":
    "Hemos enviado un enlace de confirmación a {email}. Ábralo y luego inicie sesión con su contraseña. Si la dirección ya tenía una cuenta de MedMatch, no se ha cambiado nada y hemos escrito a su titular.",
  "register.haveAccount": "¿Ya está registrado?",
  "confirm.title": "Confirme su correo electrónico",
  "confirm.busy": "Confirmando su dirección…",
  "confirm.done": "{email} está confirmada. Ya puede iniciar sesión.",
  "confirm.failed":
    "Este enlace no es válido, ha caducado o ya se usó. Si ya confirmó su dirección, inicie sesión; si no, regístrese de nuevo para recibir un enlace nuevo.",
  "confirm.missing": "Este enlace está incompleto: abra el enlace completo del correo.",
  "confirm.register": "Registrarse de nuevo",
};

export default es;
