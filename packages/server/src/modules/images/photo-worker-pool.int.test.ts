import { afterEach, describe, expect, it } from 'vitest';
import { markedPhoto } from '../../../test/photo-fixtures.ts';
import { PhotoWorkerPool } from './photo-worker-pool.ts';

let pool: PhotoWorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const photo = async (w = 1600, h = 1200) => (await markedPhoto(w, h)).jpeg().toBuffer();

describe('PhotoWorkerPool', () => {
  it('terminates a job past its time limit, answers PROCESSING_TIMEOUT, and keeps working', async () => {
    pool = new PhotoWorkerPool({ size: 1 });
    const big = await photo(4032, 3024);
    // warm the worker up, so the next job's clock starts on a ready worker
    expect((await pool.process(await photo(900, 800))).ok).toBe(true);
    const [stuckThread] = pool.threadIds;

    expect(await pool.process(big, { timeoutMs: 5 })).toEqual({ ok: false, code: 'PROCESSING_TIMEOUT' });
    expect(pool.threadIds).not.toContain(stuckThread);

    const after = await pool.process(big);
    expect(after.ok && [after.width, after.height]).toEqual([4032, 3024]);
  });

  it('queues more jobs than workers and answers each one', async () => {
    pool = new PhotoWorkerPool({ size: 2 });
    const inputs = await Promise.all([
      photo(900, 800),
      photo(1000, 800),
      photo(1100, 800),
      photo(1200, 800),
      photo(1300, 800),
    ]);
    const outcomes = await Promise.all(inputs.map((b) => pool!.process(b)));
    expect(outcomes.map((o) => o.ok && o.width)).toEqual([900, 1000, 1100, 1200, 1300]);
  });

  it("leaves the caller's buffer intact (the worker gets a copy)", async () => {
    pool = new PhotoWorkerPool({ size: 1 });
    const input = await photo(900, 800);
    const copy = Buffer.from(input);
    await pool.process(input);
    expect(input.equals(copy)).toBe(true);
  });

  it('answers queued jobs when closed, and refuses new ones', async () => {
    pool = new PhotoWorkerPool({ size: 1 });
    const input = await photo(900, 800);
    const pending = [pool.process(input), pool.process(input), pool.process(input)];
    await pool.close();
    for (const outcome of await Promise.all(pending)) expect(outcome).toEqual({ ok: false, code: 'PROCESSING_FAILED' });
    await expect(pool.process(input)).rejects.toThrow(/closed/);
  });
});
