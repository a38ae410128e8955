/**
 * Counts the SQL statements and transactions a process sends, as the server would count them:
 * BEGIN … COMMIT is one transaction, and so is each statement sent outside one (autocommit). The
 * checkout's budget — at most 2 transactions and 15 statements per order (issue 9) — is asserted on
 * these counts by a test, so it cannot creep back. One integer increment per statement: cheap
 * enough to stay on in production, where it also tells an operator what a request costs.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver } from 'kysely';
import { labelFailedStatement } from './errors.ts';

export type StatementCount = { statements: number; transactions: number };

const OPENS = /^\s*(begin|start\s+transaction)\b/i;
const CLOSES = /^\s*(commit|rollback|end)\b(?!\s+to\b)/i;

function countOn(connection: DatabaseConnection, count: StatementCount, patched: WeakSet<DatabaseConnection>): void {
  if (patched.has(connection)) return;
  patched.add(connection);
  const execute = connection.executeQuery.bind(connection);
  let inTransaction = false;
  connection.executeQuery = ((query: CompiledQuery) => {
    if (OPENS.test(query.sql)) inTransaction = true;
    else if (CLOSES.test(query.sql)) {
      inTransaction = false;
      count.transactions++;
    } else {
      count.statements++;
      if (!inTransaction) count.transactions++;
    }
    // A failed statement is named on its error (src/db/errors.ts), for logs that must not show its
    // values: here rather than through Kysely's `log` option, whose wrapper times and reports
    // every successful query too (two more awaits per statement on the order path).
    return execute(query).catch((error: unknown) => {
      labelFailedStatement(error, query.sql);
      throw error;
    });
  }) as DatabaseConnection['executeQuery'];
}

/** `dialect` with every statement its connections run added to `count`, and failed ones labelled. */
export function counting(dialect: Dialect, count: StatementCount): Dialect {
  const patched = new WeakSet<DatabaseConnection>();
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => {
      const driver = dialect.createDriver();
      const acquire = driver.acquireConnection.bind(driver);
      driver.acquireConnection = async () => {
        const connection = await acquire();
        countOn(connection, count, patched);
        return connection;
      };
      return driver satisfies Driver;
    },
  };
}
