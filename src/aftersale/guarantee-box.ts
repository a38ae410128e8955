/**
 * The legal-guarantee information box (SPEC C14; LEGAL §A4, D.211-2): the data lives in legal
 * (src/legal/terms/guarantee-box.ts), whose generated terms carry it too; the claim pages read it here.
 */
export { type GuaranteeBox, type GuaranteeLang, guaranteeInformationBox } from '../legal/terms/guarantee-box.ts';
