import type { Entry } from './entry.ts';

/** Strings of the page frame, navigation and generic words. */
export const commonMessages = {
  'app.name': { fr: 'Comptoir', en: 'Comptoir', nl: 'Comptoir' },
  'app.tagline': {
    fr: 'Les boutiques des coopératives, associations et petits commerces, leurs conditions appliquées par le logiciel.',
    en: 'Shops of cooperatives, associations and small businesses, with their terms enforced by the software.',
    nl: 'Winkels van coöperaties, verenigingen en kleine handelaars, met hun voorwaarden afgedwongen door de software.',
  },
  'nav.skip': { fr: 'Aller au contenu', en: 'Skip to content', nl: 'Naar de inhoud' },
  'nav.main': { fr: 'Navigation principale', en: 'Main navigation', nl: 'Hoofdnavigatie' },
  'nav.home': { fr: 'Accueil', en: 'Home', nl: 'Startpagina' },
  'nav.allShops': { fr: 'Toutes les boutiques', en: 'All shops', nl: 'Alle winkels' },
  'nav.account': { fr: 'Mon compte', en: 'My account', nl: 'Mijn account' },
  'nav.login': { fr: 'Se connecter', en: 'Sign in', nl: 'Aanmelden' },
  'nav.logout': { fr: 'Se déconnecter', en: 'Sign out', nl: 'Afmelden' },
  'nav.register': { fr: 'Créer un compte', en: 'Create an account', nl: 'Account aanmaken' },
  'nav.backOffice': { fr: 'Gestion de la boutique', en: 'Shop back office', nl: 'Winkelbeheer' },
  'nav.language': { fr: 'Langue', en: 'Language', nl: 'Taal' },
  'nav.legal': { fr: 'Informations légales', en: 'Legal information', nl: 'Juridische informatie' },
  'nav.apiDocs': { fr: 'API', en: 'API', nl: 'API' },
  'lang.fr': { fr: 'Français', en: 'Français', nl: 'Français' },
  'lang.en': { fr: 'English', en: 'English', nl: 'English' },
  'lang.nl': { fr: 'Nederlands', en: 'Nederlands', nl: 'Nederlands' },
  'common.save': { fr: 'Enregistrer', en: 'Save', nl: 'Opslaan' },
  'common.back': { fr: 'Retour', en: 'Back', nl: 'Terug' },
  'common.errorsIntro': {
    fr: 'Le formulaire contient des erreurs :',
    en: 'The form has errors:',
    nl: 'Het formulier bevat fouten:',
  },
  'common.requiredHint': {
    fr: 'Les champs marqués d’un astérisque (*) sont obligatoires.',
    en: 'Fields marked with an asterisk (*) are required.',
    nl: 'Velden met een sterretje (*) zijn verplicht.',
  },
  'common.errorTitle': { fr: 'Erreur', en: 'Error', nl: 'Fout' },
  'common.testClockBanner': {
    fr: 'Horloge de test active : date de la plateforme {now}.',
    en: 'Test clock active: platform time {now}.',
    nl: 'Testklok actief: platformtijd {now}.',
  },
} satisfies Record<string, Entry>;
