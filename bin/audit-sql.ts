/**
 * Runs one SQL statement against the access audit's database and prints the rows as JSON:
 *   npm run --silent audit:sql -- "SELECT writer_id, seq, purpose FROM audit_entry ORDER BY at DESC LIMIT 5"
 * For operators without psql. Uses DATABASE_URL when set, else the embedded server under
 * DATA_DIR: the one `npm start` runs, or one started for this statement and stopped after.
 * Anything it changes is exactly what `npm run audit:verify` exists to catch.
 */
import { runOperatorCommand, withSystemDatabase } from './operator-command.ts';

runOperatorCommand('audit:sql', async (context) => {
  const sql = process.argv[2];
  if (!sql) throw new Error('usage: audit:sql -- "<one SQL statement>"');
  await withSystemDatabase(context, async (database) => {
    const { rows } = await database.query(sql);
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  });
});
