/**
 * Every file in sql/queries runs against the migrated, empty schema with a value of each declared parameter type,
 * so a renamed column or a typo in a query fails here rather than on a user's screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredParameters, listQueries, loadQuery } from '../../analytics/store/sql-files.js';
import { openTestStore, type TestStore } from '../support/store.js';

/** A plausible value for each parameter type the query files declare. */
function sample(type: string, name: string): unknown {
  if (type === 'Date') return '2025-09-16';
  if (type.startsWith('DateTime')) return '2025-09-16 00:00:00';
  if (type === 'Array(String)') return ['province', 'commune'];
  if (/^U?Int\d+$/.test(type)) return 4;
  if (/^Float\d+$/.test(type)) return 0.5;
  if (type === 'String') return name.includes('province') ? '01' : name.includes('commune') ? '00004' : 'VN';
  throw new Error(`no sample value for the type ${type} of ${name}: add one here`);
}

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => t.close());

describe('sql/queries contract', () => {
  const names = listQueries();

  it('finds the query files', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)('%s runs on the empty schema', async (name) => {
    const sql = loadQuery(name);
    expect(sql.startsWith(`-- ${name.split('/')[1]}:`), 'the file opens with "-- <name>: purpose"').toBe(true);
    const params = Object.fromEntries(declaredParameters(sql).map((p) => [p.name, sample(p.type, p.name)]));
    await expect(t.store.query(sql, params)).resolves.toBeInstanceOf(Array);
  });
});
