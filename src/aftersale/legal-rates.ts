/** Legal interest rates: shared with the orders' late-delivery refunds, src/kernel/legal-rates.ts. */
export { legalRateBp } from '../kernel/legal-rates.ts';
