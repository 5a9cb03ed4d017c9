import type { Messages } from "../../../i18n/types";
import type en from "./en";

// auth: missing keys fall back to English.
const fr: Partial<Messages<typeof en>> = {
  "login.intro": "Fournisseurs, acheteurs et équipe MedMatch se connectent ici.",
  "login.busy": "Connexion…",
  "login.noAccount": "Pas encore de compte ?",
  "login.already": "Vous êtes connecté en tant que {email}.",
  "login.continue": "Continuer",
  "register.title": "Créer un compte",
  "register.intro": "Enregistrez votre organisation. Les fournisseurs sont listés une fois leurs documents vérifiés.",
  "register.kind": "Je représente",
  "register.kind.buyer": "Un acheteur",
  "register.kind.buyer.hint": "Ambassade, agence gouvernementale, hôpital, distributeur ou ONG.",
  "register.kind.vendor": "Un fournisseur",
  "register.kind.vendor.hint": "Fabricant ou exportateur de fournitures médicales.",
  "register.organization": "Organisation",
  "register.buyerType": "Type d'acheteur",
  "register.organizationName": "Nom de l'organisation",
  "register.country": "Pays",
  "register.city": "Ville",
  "register.uscc": "Code de crédit social unifié (USCC)",
  "register.uscc.hint": "Le code à 18 caractères de la licence commerciale chinoise.",
  "register.you": "Vous",
  "register.fullName": "Nom complet",
  "register.phone": "Téléphone",
  "register.password.hint": "Au moins 8 caractères.",
  "register.privacy":
    "Vos coordonnées ne sont communiquées à une autre organisation qu'après approbation d'une mise en relation.",
  "register.submit": "Créer le compte",
  "register.busy": "Création…",
  "register.checkEmail.title": "Consultez votre messagerie",
  "register.checkEmail.body":
    "Nous avons envoyé un lien de confirmation à {email}. Ouvrez-le, puis connectez-vous avec votre mot de passe. Si l'adresse avait déjà un compte MedMatch, rien n'a été modifié et nous avons écrit à son titulaire.",
  "register.haveAccount": "Déjà inscrit ?",
  "confirm.title": "Confirmez votre adresse e-mail",
  "confirm.busy": "Confirmation de votre adresse…",
  "confirm.done": "{email} est confirmée. Vous pouvez vous connecter.",
  "confirm.failed":
    "Ce lien n'est pas valide, a expiré ou a déjà servi. Si vous avez déjà confirmé votre adresse, connectez-vous ; sinon, inscrivez-vous à nouveau pour recevoir un nouveau lien.",
  "confirm.missing": "Ce lien est incomplet : ouvrez le lien entier depuis l'e-mail.",
  "confirm.register": "S'inscrire à nouveau",
};

export default fr;
