import type { Entry } from './entry.ts';

/** Strings of the terms documents: version pages, PDF frame, change notices, errors. */
export const legalMessages = {
  'terms.kind.cgv': { fr: 'Conditions générales de vente', en: 'Terms of sale', nl: 'Algemene verkoopvoorwaarden' },
  'terms.kind.particular_conditions': {
    fr: 'Conditions particulières de vente à distance',
    en: 'Distance-selling conditions',
    nl: 'Bijzondere voorwaarden voor verkoop op afstand',
  },
  'terms.kind.cgu': { fr: 'Conditions d’utilisation', en: 'Terms of use', nl: 'Gebruiksvoorwaarden' },
  'terms.kind.privacy': { fr: 'Protection des données', en: 'Privacy policy', nl: 'Privacybeleid' },
  'terms.kind.cookies': { fr: 'Politique de cookies', en: 'Cookie policy', nl: 'Cookiebeleid' },
  'terms.versionLabel': { fr: 'Version', en: 'Version', nl: 'Versie' },
  'terms.validFrom': { fr: 'Version {version}, en vigueur à compter du {from}', en: 'Version {version}, in force from {from}', nl: 'Versie {version}, van kracht vanaf {from}' },
  'terms.validFromUntil': {
    fr: 'Version {version}, en vigueur du {from} au {until} inclus',
    en: 'Version {version}, in force from {from} to {until} inclusive',
    nl: 'Versie {version}, van kracht van {from} tot en met {until}',
  },
  'terms.pageOf': { fr: 'Page {page} sur {pages}', en: 'Page {page} of {pages}', nl: 'Pagina {page} van {pages}' },
  'terms.about': { fr: 'À propos de cette version', en: 'About this version', nl: 'Over deze versie' },
  'terms.effectiveFrom': { fr: 'En vigueur à compter du', en: 'In force from', nl: 'Van kracht vanaf' },
  'terms.effectiveUntil': { fr: 'En vigueur jusqu’au (inclus)', en: 'In force until (inclusive)', nl: 'Van kracht tot en met' },
  'terms.noEnd': { fr: 'sans date de fin', en: 'no end date', nl: 'geen einddatum' },
  'terms.sha256': { fr: 'Empreinte SHA-256 du texte', en: 'SHA-256 fingerprint of the text', nl: 'SHA-256-vingerafdruk van de tekst' },
  'terms.downloadPdf': { fr: 'Télécharger cette version en PDF', en: 'Download this version as a PDF', nl: 'Deze versie als pdf downloaden' },
  'terms.plainText': {
    fr: 'Texte brut de cette version (pour vérifier son empreinte)',
    en: 'Plain text of this version (to check its fingerprint)',
    nl: 'Platte tekst van deze versie (om de vingerafdruk te controleren)',
  },
  'terms.versions': { fr: 'Toutes les versions', en: 'All versions', nl: 'Alle versies' },
  'terms.inForce': { fr: 'en vigueur', en: 'in force', nl: 'van kracht' },
  'terms.versionDates': { fr: 'du {from} au {until}', en: 'from {from} to {until}', nl: 'van {from} tot {until}' },
  'terms.versionFrom': { fr: 'à compter du {from}', en: 'from {from}', nl: 'vanaf {from}' },
  'terms.past': { fr: 'Cette version n’est plus en vigueur.', en: 'This version is no longer in force.', nl: 'Deze versie is niet meer van kracht.' },
  'terms.future': { fr: 'Cette version n’est pas encore en vigueur.', en: 'This version is not in force yet.', nl: 'Deze versie is nog niet van kracht.' },
  'terms.seeCurrent': { fr: 'Lire la version en vigueur', en: 'Read the version in force', nl: 'De geldende versie lezen' },
  'terms.noneInForce': {
    fr: 'Aucune version de ce document n’est en vigueur aujourd’hui.',
    en: 'No version of this document is in force today.',
    nl: 'Geen enkele versie van dit document is vandaag van kracht.',
  },
  'terms.writtenIn': {
    fr: 'Ce document est rédigé en français ; seul ce texte fait foi.',
    en: 'This document is written in French; only this text is authoritative.',
    nl: 'Dit document is in het Frans opgesteld; alleen deze tekst is rechtsgeldig.',
  },
  'terms.text': { fr: 'Texte', en: 'Text', nl: 'Tekst' },
  'terms.mail.subject': { fr: '{shop} : nouvelle version — {title}', en: '{shop}: new version — {title}', nl: '{shop}: nieuwe versie — {title}' },
  'terms.mail.body': {
    fr: 'Bonjour {firstName},\n\nUne nouvelle version du document « {title} » de {shop} est en vigueur depuis le {date} : la version {version}.\n\nVous pouvez la lire et la télécharger en PDF à cette adresse :\n{url}\n\nLes versions précédentes restent consultables sur la même page. Une commande déjà passée reste régie par la version que vous aviez acceptée.\n\n{shop}',
    en: 'Hello {firstName},\n\nA new version of the document “{title}” of {shop} has been in force since {date}: version {version}.\n\nYou can read it and download it as a PDF here:\n{url}\n\nEarlier versions remain available on the same page. An order already placed stays governed by the version you accepted.\n\n{shop}',
    nl: 'Beste {firstName},\n\nSinds {date} is een nieuwe versie van het document “{title}” van {shop} van kracht: versie {version}.\n\nU kunt ze lezen en als pdf downloaden op dit adres:\n{url}\n\nEerdere versies blijven op dezelfde pagina beschikbaar. Een reeds geplaatste bestelling blijft onder de versie die u hebt aanvaard.\n\n{shop}',
  },
  'error.terms_not_found': {
    fr: 'Ce document ou cette version n’existe pas.',
    en: 'This document or version does not exist.',
    nl: 'Dit document of deze versie bestaat niet.',
  },
  'error.terms_version_exists': {
    fr: 'Cette version existe déjà avec un autre texte : une version publiée ne change jamais.',
    en: 'This version already exists with another text: a published version never changes.',
    nl: 'Deze versie bestaat al met een andere tekst: een gepubliceerde versie verandert nooit.',
  },
  'error.terms_version_invalid': {
    fr: 'Le numéro de version ou les dates de cette version ne sont pas valides.',
    en: 'The version label or the dates of this version are not valid.',
    nl: 'Het versienummer of de data van deze versie zijn ongeldig.',
  },
} satisfies Record<string, Entry>;
