/**
 * Services sold in the catalogue (issue 10 §2, SPEC R000-16; C. consom. L221-18, L221-25,
 * L221-28 1°): how a service shows before purchase, the express request at checkout with its
 * consequence, and what a withdrawal owes for what was supplied.
 */
import type { Entry } from './entry.ts';

export const serviceMessages = {
  'service.badge': {
    fr: 'Prestation de service de {days} jours',
    en: 'Service covering {days} days',
    nl: 'Dienst van {days} dagen',
  },
  'service.withdrawalNote': {
    fr: 'Droit de rétractation de 14 jours à compter du lendemain de la commande. La prestation ne commence avant la fin de ce délai que si vous le demandez expressément ; vous payez alors la part fournie si vous vous rétractez.',
    en: '14-day right of withdrawal from the day after the order. The service starts before that period ends only if you expressly ask; you then pay for the part supplied if you withdraw.',
    nl: 'Herroepingsrecht van 14 dagen vanaf de dag na de bestelling. De dienst begint pas vóór het einde van die termijn als u daar uitdrukkelijk om vraagt; u betaalt dan het geleverde deel als u herroept.',
  },
  'exception.service_fully_performed': {
    fr: 'prestation entièrement exécutée à votre demande avant la fin du délai',
    en: 'service fully performed at your request before the period ended',
    nl: 'dienst op uw verzoek volledig uitgevoerd vóór het einde van de termijn',
  },
  'service.form.days': {
    fr: 'Prestation de service : durée couverte en jours',
    en: 'Service: days covered',
    nl: 'Dienst: gedekte duur in dagen',
  },
  'service.form.hint': {
    fr: 'Laisser vide pour un bien. Pour une prestation (abonnement d’un an : 365), la base du montant dû si le client se rétracte après avoir demandé qu’elle commence. Fixée à la création.',
    en: 'Leave empty for goods. For a service (a one-year subscription: 365), the basis of what a customer owes on withdrawal after asking it to start. Set at creation.',
    nl: 'Leeg laten voor goederen. Voor een dienst (jaarabonnement: 365) de basis van wat een klant verschuldigd is bij herroeping na een verzoek om te beginnen. Vast bij aanmaak.',
  },
  'service.checkout.legend': {
    fr: 'Début de la prestation de service',
    en: 'Start of the service',
    nl: 'Begin van de dienst',
  },
  'service.checkout.label': {
    fr: 'Je demande expressément que la prestation commence dès aujourd’hui, avant la fin du délai de rétractation de 14 jours.',
    en: 'I expressly ask for the service to start today, before the end of the 14-day withdrawal period.',
    nl: 'Ik vraag uitdrukkelijk dat de dienst vandaag begint, vóór het einde van de herroepingstermijn van 14 dagen.',
  },
  'service.checkout.consequence': {
    fr: 'Si vous cochez cette case puis vous rétractez, vous devrez un montant proportionnel à ce qui a été fourni jusqu’à votre rétractation, par rapport à la durée totale du contrat. Une prestation entièrement exécutée avant la fin du délai ne peut plus faire l’objet d’une rétractation. Sans cette demande, la prestation commence à la fin du délai et rien ne vous est dû en cas de rétractation.',
    en: 'If you tick this box and then withdraw, you will owe an amount in proportion to what was supplied until you withdrew, relative to the contract’s full term. A service fully performed before the period ends can no longer be withdrawn from. Without this request, the service starts when the period ends and nothing is owed if you withdraw.',
    nl: 'Als u dit vakje aanvinkt en daarna herroept, betaalt u een bedrag in verhouding tot wat tot uw herroeping werd geleverd, ten opzichte van de volledige looptijd. Een dienst die vóór het einde van de termijn volledig is uitgevoerd, kan niet meer worden herroepen. Zonder dit verzoek begint de dienst na de termijn en is bij herroeping niets verschuldigd.',
  },
  'service.mail.requested': {
    fr: 'Vous avez expressément demandé, le {at}, que la prestation de service commence avant la fin du délai de rétractation. Si vous vous rétractez, vous devrez un montant proportionnel à ce qui aura été fourni jusqu’à votre rétractation, par rapport à la durée totale du contrat ; une prestation entièrement exécutée avant la fin du délai ne peut plus faire l’objet d’une rétractation.',
    en: 'On {at} you expressly asked for the service to start before the end of the withdrawal period. If you withdraw, you will owe an amount in proportion to what was supplied until you withdrew, relative to the contract’s full term; a service fully performed before the period ends can no longer be withdrawn from.',
    nl: 'Op {at} vroeg u uitdrukkelijk dat de dienst vóór het einde van de herroepingstermijn zou beginnen. Als u herroept, betaalt u een bedrag in verhouding tot wat tot uw herroeping werd geleverd, ten opzichte van de volledige looptijd; een dienst die vóór het einde van de termijn volledig is uitgevoerd, kan niet meer worden herroepen.',
  },
  'service.order.requested': {
    fr: 'Vous avez demandé le {at} que la prestation commence pendant le délai de rétractation.',
    en: 'On {at} you asked for the service to start during the withdrawal period.',
    nl: 'Op {at} vroeg u dat de dienst tijdens de herroepingstermijn zou beginnen.',
  },
  'service.order.startedOn': {
    fr: 'Début d’exécution de la prestation : {date}.',
    en: 'Service performance started on {date}.',
    nl: 'Uitvoering van de dienst begonnen op {date}.',
  },
  'service.withdrawal.owed': {
    fr: '{name} : à votre demande, la prestation a commencé le {startedOn} ; {supplied} jours sur {days} ont été fournis jusqu’à votre rétractation, soit {owed} qui restent dus (article L221-25 du Code de la consommation) ; {refund} vous sont remboursés pour cette prestation.',
    en: '{name}: at your request the service started on {startedOn}; {supplied} of {days} days were supplied until you withdrew, so {owed} remains owed (French Consumer Code L221-25); {refund} of it is refunded.',
    nl: '{name}: op uw verzoek begon de dienst op {startedOn}; {supplied} van de {days} dagen werden geleverd tot uw herroeping, dus blijft {owed} verschuldigd (art. L221-25 Code de la consommation); {refund} wordt terugbetaald.',
  },
  'service.withdrawal.notRequested': {
    fr: '{name} : vous n’aviez pas demandé que la prestation commence pendant le délai de rétractation ; rien ne vous est dû pour elle (article L221-25) et son prix vous est remboursé en entier.',
    en: '{name}: you had not asked for the service to start during the withdrawal period; you owe nothing for it (French Consumer Code L221-25) and its price is refunded in full.',
    nl: '{name}: u had niet gevraagd dat de dienst tijdens de herroepingstermijn zou beginnen; u bent er niets voor verschuldigd (art. L221-25) en de prijs wordt volledig terugbetaald.',
  },
  'service.statementIntro': {
    fr: 'Je notifie par la présente ma rétractation du contrat pour la prestation de services ci-dessous.',
    en: 'I hereby give notice that I withdraw from my contract for the provision of the services below.',
    nl: 'Hierbij deel ik u mee dat ik mijn overeenkomst betreffende de levering van de onderstaande diensten herroep.',
  },
  'service.statementIntroMixed': {
    fr: 'Je notifie par la présente ma rétractation du contrat portant sur la vente des biens et la prestation de services ci-dessous.',
    en: 'I hereby give notice that I withdraw from my contract of sale of the goods and for the provision of the services below.',
    nl: 'Hierbij deel ik u mee dat ik mijn overeenkomst betreffende de verkoop van de goederen en de levering van de diensten hieronder herroep.',
  },
  'service.withdrawal.nothingToReturn': {
    fr: 'Rien à renvoyer : votre rétractation porte sur une prestation de service, aucun article ne vous a été remis.',
    en: 'Nothing to send back: your withdrawal concerns a service, no item was handed to you.',
    nl: 'Niets terug te sturen: uw herroeping betreft een dienst, er werd u geen artikel overhandigd.',
  },
  'service.withdrawal.refund': {
    fr: 'Nous vous rembourserons {amount} par le moyen de paiement utilisé, au plus tard 14 jours après avoir reçu votre rétractation.',
    en: 'We will refund {amount} by the means of payment you used, within 14 days of receiving your withdrawal.',
    nl: 'Wij betalen {amount} terug via het gebruikte betaalmiddel, uiterlijk 14 dagen na ontvangst van uw herroeping.',
  },
  'service.staff.title': {
    fr: 'Début d’exécution de la prestation',
    en: 'Start of service performance',
    nl: 'Begin van de uitvoering van de dienst',
  },
  'service.staff.startedOn': {
    fr: 'Jour où l’exécution a commencé',
    en: 'Day performance started',
    nl: 'Dag waarop de uitvoering begon',
  },
  'service.staff.owed': {
    fr: 'Dû pour la prestation fournie (L221-25), déduit du remboursement',
    en: 'Owed for the service supplied (L221-25), taken off the refund',
    nl: 'Verschuldigd voor de geleverde dienst (L221-25), afgetrokken van de terugbetaling',
  },
  'service.staff.requested': {
    fr: 'Demande expresse de commencer pendant le délai',
    en: 'Express request to start during the period',
    nl: 'Uitdrukkelijk verzoek om tijdens de termijn te beginnen',
  },
  'service.staff.notRequested': {
    fr: 'Aucune : la prestation ne doit pas commencer avant la fin du délai, et rien ne serait dû.',
    en: 'None: the service must not start before the period ends, and nothing would be owed.',
    nl: 'Geen: de dienst mag niet vóór het einde van de termijn beginnen, en er zou niets verschuldigd zijn.',
  },
  'service.staff.done': {
    fr: 'Début d’exécution enregistré.',
    en: 'Start of performance recorded.',
    nl: 'Begin van de uitvoering geregistreerd.',
  },
  'service.staff.submit': {
    fr: 'Enregistrer le début d’exécution',
    en: 'Record the start',
    nl: 'Begin registreren',
  },
  'staffOrders.type.service_started': { fr: 'Début d’exécution de la prestation', en: 'Service performance started', nl: 'Uitvoering van de dienst begonnen' },
  'error.service_start_before_order': {
    fr: 'La prestation ne peut pas commencer avant la commande.',
    en: 'The service cannot start before the order.',
    nl: 'De dienst kan niet vóór de bestelling beginnen.',
  },
  'error.not_a_service_order': {
    fr: 'Cette commande ne contient aucune prestation de service.',
    en: 'This order holds no service.',
    nl: 'Deze bestelling bevat geen dienst.',
  },
} satisfies Record<string, Entry>;
