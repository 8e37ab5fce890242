import type Database from 'better-sqlite3';

const statementsByDatabase = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * `db.prepare(sql)`, compiled once per database and reused: preparing costs more than running the small queries
 * every request makes. Only for SQL written in code (the cache is never pruned), run with `get`/`all`/`run`
 * (not `iterate`, which holds the statement busy); a statement is shared, so set `pluck`/`raw` the same way at
 * every call site of one SQL text.
 */
export function prepareCached(db: Database.Database, sql: string): Database.Statement {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = new Map();
    statementsByDatabase.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
