import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:');
const c = await i.connect();
for (const sql of process.argv.slice(2)) {
  const r = await c.runAndReadAll('SELECT json_serialize_sql($s::VARCHAR)', { s: sql });
  console.log(sql, '\n', String(r.getRows()[0][0]).slice(0, 3000), '\n');
}
