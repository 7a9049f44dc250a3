import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { fetchErsExport, fileNameFrom } from './ers-export.ts';

const zipResponse = () =>
  new Response(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="dermis-ers-export-2026-11-25.zip"',
    },
  });

describe('NHS e-RS export download', () => {
  it('asks for the case’s export and keeps the server’s file name', async () => {
    const calls: string[] = [];
    const file = await fetchErsExport('c1', async (url) => {
      calls.push(url);
      return zipResponse();
    });
    expect(calls).toEqual(['/api/cases/c1/export/ers']);
    expect(file.fileName).toBe('dermis-ers-export-2026-11-25.zip');
    expect(file.blob.size).toBe(4);
  });

  it('a refusal becomes an ApiError with the server’s code', async () => {
    const problem = { type: 'x', title: 'x', status: 409, code: 'EXPORT_CASE_NOT_SENT' };
    const failing = fetchErsExport('c1', async () =>
      Response.json(problem, { status: 409, headers: { 'content-type': 'application/problem+json' } }),
    );
    await expect(failing).rejects.toMatchObject({ status: 409, code: 'EXPORT_CASE_NOT_SENT' });
    await expect(failing).rejects.toBeInstanceOf(ApiError);
  });

  it('no network is NETWORK_ERROR', async () => {
    await expect(
      fetchErsExport('c1', async () => {
        throw new TypeError('offline');
      }),
    ).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it.each([
    [null, 'dermis-ers-export.zip'],
    ['attachment; filename="../../etc/passwd"', 'dermis-ers-export.zip'],
    ['attachment; filename="a b.zip"', 'dermis-ers-export.zip'],
    ['attachment; filename="dermis-ers-export-2026-11-25.zip"', 'dermis-ers-export-2026-11-25.zip'],
  ])('file name from %s is %s', (header, expected) => {
    expect(fileNameFrom(header)).toBe(expected);
  });
});
