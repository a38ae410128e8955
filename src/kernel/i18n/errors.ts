import type { Entry } from './entry.ts';

/** Error messages, keyed `error.<code>` after the API error codes of ../shared/API.md. */
export const errorMessages = {
  'error.invalid_request': {
    fr: 'La demande est invalide.',
    en: 'The request is invalid.',
    nl: 'Het verzoek is ongeldig.',
  },
  'error.invalid_json': {
    fr: 'Le corps de la requête n’est pas du JSON valide.',
    en: 'The request body is not valid JSON.',
    nl: 'De inhoud van het verzoek is geen geldige JSON.',
  },
  'error.payload_too_large': {
    fr: 'La requête est trop volumineuse.',
    en: 'The request is too large.',
    nl: 'Het verzoek is te groot.',
  },
  'error.unsupported_media_type': {
    fr: 'Ce type de contenu n’est pas accepté.',
    en: 'This content type is not accepted.',
    nl: 'Dit inhoudstype wordt niet aanvaard.',
  },
  'error.required': {
    fr: 'Ce champ est obligatoire.',
    en: 'This field is required.',
    nl: 'Dit veld is verplicht.',
  },
  'error.invalid_value': {
    fr: 'Cette valeur n’est pas valide.',
    en: 'This value is not valid.',
    nl: 'Deze waarde is ongeldig.',
  },
  'error.too_long': {
    fr: 'Ce texte est trop long ({max} caractères au plus).',
    en: 'This text is too long (at most {max} characters).',
    nl: 'Deze tekst is te lang (maximaal {max} tekens).',
  },
  'error.invalid_email': {
    fr: 'Cette adresse e-mail n’est pas valide.',
    en: 'This e-mail address is not valid.',
    nl: 'Dit e-mailadres is ongeldig.',
  },
  'error.weak_password': {
    fr: 'Le mot de passe doit compter au moins {min} caractères.',
    en: 'The password must be at least {min} characters long.',
    nl: 'Het wachtwoord moet minstens {min} tekens lang zijn.',
  },
  'error.invalid_siret': {
    fr: 'Ce numéro SIRET n’est pas valide (14 chiffres, clé de contrôle incorrecte).',
    en: 'This SIRET number is not valid (14 digits, wrong check key).',
    nl: 'Dit SIRET-nummer is ongeldig (14 cijfers, verkeerde controlesleutel).',
  },
  'error.invalid_vat_number': {
    fr: 'Ce numéro de TVA intracommunautaire n’a pas un format valide.',
    en: 'This EU VAT number does not have a valid format.',
    nl: 'Dit btw-identificatienummer heeft geen geldig formaat.',
  },
  'error.company_identifier_required': {
    fr: 'Un client professionnel doit indiquer le nom de son entreprise et un SIRET ou un numéro de TVA.',
    en: 'A business customer must give the company name and a SIRET or VAT number.',
    nl: 'Een zakelijke klant moet de bedrijfsnaam en een SIRET- of btw-nummer opgeven.',
  },
  'error.invalid_country': {
    fr: 'Code pays inconnu (deux lettres, par exemple FR ou BE).',
    en: 'Unknown country code (two letters, e.g. FR or BE).',
    nl: 'Onbekende landcode (twee letters, bijvoorbeeld FR of BE).',
  },
  'error.email_taken': {
    fr: 'Un compte existe déjà avec cette adresse e-mail dans cette boutique.',
    en: 'An account already exists with this e-mail address in this shop.',
    nl: 'Er bestaat al een account met dit e-mailadres in deze winkel.',
  },
  'error.customer_kind_not_allowed': {
    fr: 'Cette boutique ne vend pas aux clients de ce type ({kind}).',
    en: 'This shop does not sell to this kind of customer ({kind}).',
    nl: 'Deze winkel verkoopt niet aan dit soort klanten ({kind}).',
  },
  'error.invalid_credentials': {
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Wrong e-mail address or password.',
    nl: 'Verkeerd e-mailadres of wachtwoord.',
  },
  'error.too_many_attempts': {
    fr: 'Trop de tentatives. Réessayez dans {seconds} s.',
    en: 'Too many attempts. Try again in {seconds} s.',
    nl: 'Te veel pogingen. Probeer het over {seconds} s opnieuw.',
  },
  'error.rate_limited': {
    fr: 'Trop de requêtes. Réessayez dans un instant.',
    en: 'Too many requests. Try again in a moment.',
    nl: 'Te veel verzoeken. Probeer het zo meteen opnieuw.',
  },
  'error.reset_link_invalid': {
    fr: 'Ce lien de réinitialisation est invalide ou a expiré. Demandez-en un nouveau.',
    en: 'This reset link is invalid or has expired. Ask for a new one.',
    nl: 'Deze resetlink is ongeldig of verlopen. Vraag een nieuwe aan.',
  },
  'error.unauthenticated': {
    fr: 'Vous devez vous identifier.',
    en: 'You must sign in.',
    nl: 'U moet zich aanmelden.',
  },
  'error.forbidden': {
    fr: 'Vous n’avez pas accès à cette ressource.',
    en: 'You do not have access to this resource.',
    nl: 'U hebt geen toegang tot deze bron.',
  },
  'error.csrf': {
    fr: 'Le formulaire a expiré. Rechargez la page et recommencez.',
    en: 'The form has expired. Reload the page and try again.',
    nl: 'Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.',
  },
  'error.not_found': {
    fr: 'Introuvable : {what}.',
    en: 'Not found: {what}.',
    nl: 'Niet gevonden: {what}.',
  },
  'error.shop_not_found': {
    fr: 'Cette boutique n’existe pas.',
    en: 'This shop does not exist.',
    nl: 'Deze winkel bestaat niet.',
  },
  'error.page_not_found': {
    fr: 'Cette page n’existe pas.',
    en: 'This page does not exist.',
    nl: 'Deze pagina bestaat niet.',
  },
  'error.idempotency_key_reused': {
    fr: 'Cette clé d’idempotence a déjà servi pour une autre requête.',
    en: 'This idempotency key was already used for a different request.',
    nl: 'Deze idempotentiesleutel werd al gebruikt voor een ander verzoek.',
  },
  'error.idempotency_in_progress': {
    fr: 'Une requête avec cette clé d’idempotence est déjà en cours de traitement.',
    en: 'A request with this idempotency key is still being processed.',
    nl: 'Een verzoek met deze idempotentiesleutel wordt nog verwerkt.',
  },
  'error.sku_taken': {
    fr: 'Un produit porte déjà la référence {sku} dans cette boutique.',
    en: 'A product already has the SKU {sku} in this shop.',
    nl: 'Een product heeft al de referentie {sku} in deze winkel.',
  },
  'error.clock_disabled': {
    fr: 'L’horloge de test n’est pas activée sur ce serveur.',
    en: 'The test clock is not enabled on this server.',
    nl: 'De testklok is niet ingeschakeld op deze server.',
  },
  'error.clock_cannot_go_back': {
    fr: 'L’horloge ne peut qu’avancer.',
    en: 'The clock can only move forward.',
    nl: 'De klok kan alleen vooruit.',
  },
  'error.service_unavailable': {
    fr: 'Le service est momentanément indisponible ; réessayez dans quelques secondes.',
    en: 'The service is briefly unavailable; please try again in a few seconds.',
    nl: 'De dienst is even niet beschikbaar; probeer het over enkele seconden opnieuw.',
  },
  'error.internal': {
    fr: 'Une erreur interne est survenue. Elle a été enregistrée ; réessayez plus tard.',
    en: 'An internal error occurred. It has been logged; please try again later.',
    nl: 'Er is een interne fout opgetreden. Ze is geregistreerd; probeer het later opnieuw.',
  },
} satisfies Record<string, Entry>;
