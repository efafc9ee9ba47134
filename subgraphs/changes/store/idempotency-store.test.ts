import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { openSqlDatabase } from '../../../platform/database/index.ts';
import { createTestDatabase } from '../../../platform/database/test-databases.ts';
import { createChangeSchema, deleteExpiredKeys, findKey, insertChange, insertKey } from './index.ts';

it('keeps an idempotency key for its retention, per caller, and forgets it after; migrating twice is harmless', async () => {
  await using store = await createTestDatabase();
  const db = openSqlDatabase(store.url);
  try {
    await createChangeSchema(db);
    await createChangeSchema(db);
    const keep = async (subject: string, at: Date) => {
      const id = randomUUID();
      await insertChange(db, { id, nino: 'SC300047C', kind: 'contact', effectiveDate: '2026-11-30', details: {}, restricted: false, reportedAt: at, reportedBy: subject, reporterRole: 'citizen' }, []);
      await insertKey(db, subject, 'key-1', { operation: 'reportContactChange', inputHash: 'h', changeId: id }, at);
      return id;
    };
    const recent = await keep('caller-a', new Date(Date.now() - 47 * 3_600_000));
    await keep('caller-b', new Date(Date.now() - 49 * 3_600_000));

    expect(await deleteExpiredKeys(db, 48)).toBe(1);
    expect(await findKey(db, 'caller-a', 'key-1')).toEqual({ operation: 'reportContactChange', inputHash: 'h', changeId: recent });
    expect(await findKey(db, 'caller-b', 'key-1')).toBeUndefined();
  } finally {
    await db.close();
  }
});
