/**
 * Why an uploaded bank statement was refused before anything was imported (issue 4, "Bad input":
 * malformed or hostile XML, huge files). Nothing changes when one is thrown.
 */
import { DomainError, type ErrorKind } from '../kernel/errors.ts';

export type StatementErrorCode =
  /** Not well-formed XML, not UTF-8, or a camt.053 field with an impossible value. */
  | 'statement_malformed'
  /** Over the size limit (10 MB by default). */
  | 'statement_too_large'
  /** Well-formed XML, but not an ISO 20022 camt.053.001.02–.08 `BkToCstmrStmt` document. */
  | 'statement_not_camt053'
  /** A DOCTYPE or ENTITY declaration: the door to entity expansion ("billion laughs", XXE). */
  | 'statement_entities_forbidden'
  /** An account or entry in another currency than the shop's (EUR): amounts cannot be compared. */
  | 'statement_currency'
  /** A camt.053 document without any statement (`Stmt` is mandatory): there is nothing to import. */
  | 'statement_empty'
  /** A statement of an account that is not one of the shop's: its credits never pay its orders. */
  | 'statement_wrong_account';

const KIND: Record<StatementErrorCode, ErrorKind> = {
  statement_malformed: 'malformed',
  statement_too_large: 'too_large',
  statement_not_camt053: 'refused',
  statement_entities_forbidden: 'malformed',
  statement_currency: 'refused',
  statement_empty: 'refused',
  statement_wrong_account: 'refused',
};

export class StatementRejected extends DomainError {
  declare readonly code: StatementErrorCode;

  constructor(code: StatementErrorCode, params: Record<string, string | number> = {}) {
    super(code, KIND[code], params);
    this.name = 'StatementRejected';
  }
}

/** Why staff cannot match a statement entry to an order (issue 4 §2, the unmatched queue). */
export type BankEntryErrorCode = 'bank_entry_already_matched' | 'bank_entry_not_matchable' | 'order_not_awaiting_payment';

export class BankEntryRefused extends DomainError {
  declare readonly code: BankEntryErrorCode;

  constructor(code: BankEntryErrorCode) {
    super(code, code === 'bank_entry_already_matched' ? 'conflict' : 'refused', {}, code === 'order_not_awaiting_payment' ? 'orderId' : undefined);
    this.name = 'BankEntryRefused';
  }
}
