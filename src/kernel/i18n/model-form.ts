import type { Entry } from './entry.ts';

/**
 * The model withdrawal form (issue 10 §8): its link on the order page and its mention in the
 * confirmation e-mail. The form's own wording is the law's, in src/web/aftersale/model-form-pdf.ts.
 */
export const modelFormMessages = {
  'modelForm.link': {
    fr: 'Formulaire de rétractation pré-rempli (PDF)',
    en: 'Pre-filled withdrawal form (PDF)',
    nl: 'Vooraf ingevuld herroepingsformulier (pdf)',
  },
  'modelForm.mail': {
    fr: 'Vous disposez d’un droit de rétractation : le formulaire type de rétractation, pré-rempli, est joint ({file}).',
    en: 'You have a right of withdrawal: the model withdrawal form, pre-filled, is attached ({file}).',
    nl: 'U hebt een herroepingsrecht: het modelformulier voor herroeping, vooraf ingevuld, is bijgevoegd ({file}).',
  },
} satisfies Record<string, Entry>;
