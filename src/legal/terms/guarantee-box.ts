/**
 * The legal-guarantee information box, as data (SPEC C14; LEGAL §A4). Legal's, since the generated
 * terms carry it (terms versions effective from GUARANTEE_BOX_IN_TERMS_FROM, texts/consumer-rights.ts)
 * as well as the claim page (src/aftersale/guarantee-box.ts re-exports it).
 *
 * FR: since 1 Oct 2022 the CGV must carry the boxed text ("encadré") of C. consom. D.211-2
 * (Décret 2022-946) word for word. The French text below is that wording for the sale of goods
 * [S: checked against a reproduction of D.211-2; compare with Légifrance before release — LEGAL
 * appendix item 4]. The English and Dutch versions are our translations for readers of those
 * languages, never a substitute for the French text (`official: false`).
 * BE: no statutory wording exists; the box summarises old Civil Code 1649bis–1649octies as
 * amended by the law of 20 March 2022 (2 years, presumption 2 years) and art. 1641 ff.
 */
export type GuaranteeLang = 'fr' | 'en' | 'nl';
export type GuaranteeBox = {
  /** The law the text states: the FR D.211-2 box or the BE summary. */
  variant: 'FR' | 'BE';
  lang: GuaranteeLang;
  /** True only for the French text of D.211-2, which must be reproduced verbatim. */
  official: boolean;
  title: string;
  paragraphs: readonly string[];
};

const FR_FR: readonly string[] = [
  "Le consommateur dispose d'un délai de deux ans à compter de la délivrance du bien pour obtenir la mise en œuvre de la garantie légale de conformité en cas d'apparition d'un défaut de conformité. Durant ce délai, le consommateur n'est tenu d'établir que l'existence du défaut de conformité et non la date d'apparition de celui-ci.",
  "Lorsque le contrat de vente du bien prévoit la fourniture d'un contenu numérique ou d'un service numérique de manière continue pendant une durée supérieure à deux ans, la garantie légale est applicable à ce contenu numérique ou ce service numérique tout au long de la période de fourniture prévue. Durant ce délai, le consommateur n'est tenu d'établir que l'existence du défaut de conformité affectant le contenu numérique ou le service numérique et non la date d'apparition de celui-ci.",
  'La garantie légale de conformité emporte obligation pour le professionnel, le cas échéant, de fournir toutes les mises à jour nécessaires au maintien de la conformité du bien.',
  'La garantie légale de conformité donne au consommateur droit à la réparation ou au remplacement du bien dans un délai de trente jours suivant sa demande, sans frais et sans inconvénient majeur pour lui.',
  "Si le bien est réparé dans le cadre de la garantie légale de conformité, le consommateur bénéficie d'une extension de six mois de la garantie initiale.",
  'Si le consommateur demande la réparation du bien, mais que le vendeur impose le remplacement, la garantie légale de conformité est renouvelée pour une période de deux ans à compter de la date de remplacement du bien.',
  "Le consommateur peut obtenir une réduction du prix d'achat en conservant le bien ou mettre fin au contrat en se faisant rembourser intégralement contre restitution du bien, si :",
  '1° Le professionnel refuse de réparer ou de remplacer le bien ;',
  '2° La réparation ou le remplacement du bien intervient après un délai de trente jours ;',
  "3° La réparation ou le remplacement du bien occasionne un inconvénient majeur pour le consommateur, notamment lorsque le consommateur supporte définitivement les frais de reprise ou d'enlèvement du bien non conforme, ou s'il supporte les frais d'installation du bien réparé ou de remplacement ;",
  '4° La non-conformité du bien persiste en dépit de la tentative de mise en conformité du vendeur restée infructueuse.',
  "Le consommateur a également droit à une réduction du prix du bien ou à la résolution du contrat lorsque le défaut de conformité est si grave qu'il justifie que la réduction du prix ou la résolution du contrat soit immédiate. Le consommateur n'est alors pas tenu de demander la réparation ou le remplacement du bien au préalable.",
  "Le consommateur n'a pas droit à la résolution de la vente si le défaut de conformité est mineur.",
  "Toute période d'immobilisation du bien en vue de sa réparation ou de son remplacement suspend la garantie qui restait à courir jusqu'à la délivrance du bien remis en état.",
  "Les droits mentionnés ci-dessus résultent de l'application des articles L. 217-1 à L. 217-32 du code de la consommation.",
  "Le vendeur qui fait obstacle de mauvaise foi à la mise en œuvre de la garantie légale de conformité encourt une amende civile d'un montant maximal de 300 000 euros, qui peut être porté jusqu'à 10 % du chiffre d'affaires moyen annuel (article L. 241-5 du code de la consommation).",
  'Le consommateur bénéficie également de la garantie légale des vices cachés en application des articles 1641 à 1649 du code civil, pendant une durée de deux ans à compter de la découverte du défaut. Cette garantie donne droit à une réduction de prix si le bien est conservé ou à un remboursement intégral contre restitution du bien.',
];

const FR_EN: readonly string[] = [
  'The consumer has two years from delivery of the goods to invoke the legal guarantee of conformity if a lack of conformity appears. During that period the consumer only has to show that the lack of conformity exists, not when it appeared.',
  'Where the contract provides for digital content or a digital service to be supplied continuously for more than two years, the legal guarantee applies to that content or service throughout the supply period. During that period the consumer only has to show that the lack of conformity of the digital content or service exists, not when it appeared.',
  'The legal guarantee of conformity obliges the trader to supply, where relevant, every update needed to keep the goods in conformity.',
  'The legal guarantee of conformity entitles the consumer to have the goods repaired or replaced within thirty days of the request, free of charge and without major inconvenience.',
  'If the goods are repaired under the legal guarantee of conformity, the initial guarantee is extended by six months.',
  'If the consumer asks for a repair but the seller imposes a replacement, the legal guarantee of conformity starts again for two years from the date of replacement.',
  'The consumer may obtain a reduction of the purchase price while keeping the goods, or end the contract and be refunded in full against return of the goods, if:',
  '1° the trader refuses to repair or replace the goods;',
  '2° the repair or replacement takes place after thirty days;',
  '3° the repair or replacement causes the consumer a major inconvenience, in particular where the consumer finally bears the cost of taking back or removing the non-conforming goods, or the cost of installing the repaired or replacement goods;',
  "4° the goods remain non-conforming despite the seller's unsuccessful attempt to bring them into conformity.",
  'The consumer is also entitled to a price reduction or to end the contract where the lack of conformity is so serious that an immediate price reduction or termination is justified. The consumer then need not ask for repair or replacement first.',
  'The consumer is not entitled to end the sale if the lack of conformity is minor.',
  'Any period during which the goods are out of use for repair or replacement suspends the remaining guarantee until the goods are delivered back in working order.',
  'These rights result from articles L. 217-1 to L. 217-32 of the French Consumer Code.',
  'A seller who in bad faith obstructs the legal guarantee of conformity faces a civil fine of up to 300,000 euros, which may be raised to 10 % of average annual turnover (article L. 241-5 of the French Consumer Code).',
  'The consumer also benefits from the legal guarantee against hidden defects under articles 1641 to 1649 of the French Civil Code, for two years from discovery of the defect. It entitles the consumer to a price reduction if the goods are kept, or to a full refund against their return.',
];

const FR_NL: readonly string[] = [
  'De consument heeft twee jaar vanaf de levering van het goed om de wettelijke conformiteitsgarantie in te roepen wanneer een gebrek aan overeenstemming aan het licht komt. Gedurende die termijn hoeft de consument enkel het bestaan van het gebrek aan te tonen, niet het tijdstip waarop het is ontstaan.',
  'Wanneer de overeenkomst voorziet in de doorlopende levering van digitale inhoud of een digitale dienst gedurende meer dan twee jaar, geldt de wettelijke garantie voor die inhoud of dienst gedurende de hele leveringsperiode. Gedurende die termijn hoeft de consument enkel het bestaan van het gebrek aan de digitale inhoud of dienst aan te tonen, niet het tijdstip waarop het is ontstaan.',
  'De wettelijke conformiteitsgarantie verplicht de verkoper in voorkomend geval alle updates te leveren die nodig zijn om het goed in overeenstemming te houden.',
  'De wettelijke conformiteitsgarantie geeft de consument recht op herstelling of vervanging van het goed binnen dertig dagen na zijn verzoek, kosteloos en zonder ernstige overlast.',
  'Wordt het goed onder de wettelijke conformiteitsgarantie hersteld, dan wordt de oorspronkelijke garantie met zes maanden verlengd.',
  'Vraagt de consument om herstelling maar legt de verkoper vervanging op, dan begint de wettelijke conformiteitsgarantie opnieuw te lopen voor twee jaar vanaf de datum van vervanging.',
  'De consument kan een prijsvermindering krijgen en het goed houden, of de overeenkomst beëindigen en volledig terugbetaald worden tegen teruggave van het goed, indien:',
  '1° de verkoper weigert het goed te herstellen of te vervangen;',
  '2° de herstelling of vervanging na meer dan dertig dagen plaatsvindt;',
  '3° de herstelling of vervanging de consument ernstige overlast bezorgt, met name wanneer hij definitief de kosten draagt voor het terugnemen of verwijderen van het niet-conforme goed, of de installatiekosten van het herstelde of vervangende goed;',
  '4° het gebrek blijft bestaan ondanks een mislukte poging van de verkoper om het goed in overeenstemming te brengen.',
  'De consument heeft ook recht op prijsvermindering of ontbinding wanneer het gebrek zo ernstig is dat een onmiddellijke prijsvermindering of ontbinding gerechtvaardigd is. Hij hoeft dan niet eerst om herstelling of vervanging te vragen.',
  'De consument heeft geen recht op ontbinding van de koop als het gebrek gering is.',
  'Elke periode waarin het goed onbruikbaar is voor herstelling of vervanging schort de resterende garantie op tot het herstelde goed opnieuw geleverd is.',
  'Deze rechten vloeien voort uit de artikelen L. 217-1 tot L. 217-32 van de Franse Consumentenwet (code de la consommation).',
  'Een verkoper die de wettelijke conformiteitsgarantie te kwader trouw belemmert, riskeert een burgerlijke boete van ten hoogste 300 000 euro, die kan oplopen tot 10 % van de gemiddelde jaaromzet (artikel L. 241-5 van de Franse Consumentenwet).',
  'De consument geniet ook de wettelijke garantie voor verborgen gebreken volgens de artikelen 1641 tot 1649 van het Franse Burgerlijk Wetboek, gedurende twee jaar vanaf de ontdekking van het gebrek. Die garantie geeft recht op prijsvermindering als het goed behouden wordt, of op volledige terugbetaling tegen teruggave van het goed.',
];

const BE_TEXT: Record<GuaranteeLang, { title: string; paragraphs: readonly string[] }> = {
  fr: {
    title: 'Garantie légale de conformité et vices cachés',
    paragraphs: [
      "Le vendeur répond de tout défaut de conformité qui existe lors de la délivrance du bien et apparaît dans un délai de deux ans à compter de celle-ci (ancien Code civil, art. 1649bis à 1649octies, contrats conclus depuis le 1er juin 2022). Un défaut qui apparaît dans ce délai de deux ans est présumé avoir existé lors de la délivrance.",
      "Le consommateur a droit à la réparation ou au remplacement du bien, sans frais et dans un délai raisonnable ; à défaut, à une réduction du prix ou à la résolution du contrat. Pour les biens d'occasion, un délai plus court, d'un an au moins, peut être convenu.",
      "Le consommateur bénéficie également de la garantie des vices cachés (ancien Code civil, art. 1641 et suivants).",
    ],
  },
  nl: {
    title: 'Wettelijke conformiteitsgarantie en verborgen gebreken',
    paragraphs: [
      'De verkoper is aansprakelijk voor elk gebrek aan overeenstemming dat bestaat bij de levering van het goed en zich binnen twee jaar na de levering manifesteert (oud Burgerlijk Wetboek, art. 1649bis tot 1649octies, overeenkomsten gesloten vanaf 1 juni 2022). Een gebrek dat zich binnen die twee jaar manifesteert, wordt vermoed te hebben bestaan bij de levering.',
      'De consument heeft recht op kosteloze herstelling of vervanging binnen een redelijke termijn; zo niet, op prijsvermindering of ontbinding van de overeenkomst. Voor tweedehandse goederen kan een kortere termijn van ten minste één jaar worden overeengekomen.',
      'De consument geniet ook de garantie voor verborgen gebreken (oud Burgerlijk Wetboek, art. 1641 en volgende).',
    ],
  },
  en: {
    title: 'Legal guarantee of conformity and hidden defects',
    paragraphs: [
      'The seller is liable for any lack of conformity that exists when the goods are delivered and appears within two years of delivery (former Belgian Civil Code, art. 1649bis to 1649octies, contracts concluded from 1 June 2022). A defect appearing within those two years is presumed to have existed at delivery.',
      'The consumer is entitled to repair or replacement, free of charge and within a reasonable time; failing that, to a price reduction or to end the contract. For second-hand goods a shorter period, of at least one year, may be agreed.',
      'The consumer also benefits from the guarantee against hidden defects (former Belgian Civil Code, art. 1641 ff.).',
    ],
  },
};

const FR_TITLES: Record<GuaranteeLang, string> = {
  fr: 'Garantie légale de conformité et garantie des vices cachés',
  en: 'Legal guarantee of conformity and guarantee against hidden defects',
  nl: 'Wettelijke conformiteitsgarantie en garantie voor verborgen gebreken',
};
const FR_PARAGRAPHS: Record<GuaranteeLang, readonly string[]> = { fr: FR_FR, en: FR_EN, nl: FR_NL };

/** The box for a shop under French (D.211-2) or Belgian law, in the reader's language. */
export function guaranteeInformationBox(variant: 'FR' | 'BE', lang: GuaranteeLang): GuaranteeBox {
  if (variant === 'FR') {
    return { variant, lang, official: lang === 'fr', title: FR_TITLES[lang], paragraphs: FR_PARAGRAPHS[lang] };
  }
  return { variant, lang, official: false, ...BE_TEXT[lang] };
}

/**
 * The first day of the terms versions that carry the box (issue 10 §4): published versions are
 * never rewritten, so the box enters the demo shops' terms through successor versions effective
 * from this day (profiles/*.yaml), and a version effective earlier keeps its text and hash.
 */
export const GUARANTEE_BOX_IN_TERMS_FROM = '2027-01-15';

/** The box in the terms' markup (src/legal/terms/markup.ts): a sub-heading, then `| ` lines, `|` between paragraphs. */
export function guaranteeBoxMarkup(box: GuaranteeBox): string {
  return [`### ${box.title}`, '', box.paragraphs.map((p) => `| ${p}`).join('\n|\n')].join('\n');
}
