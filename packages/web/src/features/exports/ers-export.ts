import type { Problem } from '@dermis/core';
import { ApiError, NETWORK_ERROR, UNKNOWN_ERROR } from '../../api/client.ts';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

const FALLBACK_NAME = 'dermis-ers-export.zip';

/** The file name the server chose (it carries no PHI); only a plain name, never a path. */
export function fileNameFrom(disposition: string | null): string {
  const name = /filename="([^"/\\]+)"/.exec(disposition ?? '')?.[1];
  return name && /^[A-Za-z0-9._-]+$/.test(name) ? name : FALLBACK_NAME;
}

/** The case's NHS e-RS export (zip); failures become the same ApiError as every other call. */
export async function fetchErsExport(caseId: string, fetchImpl: FetchLike = fetch): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetchImpl(`/api/cases/${encodeURIComponent(caseId)}/export/ers`, {
      method: 'GET',
      headers: { Accept: 'application/zip, application/problem+json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, null);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, typeof body?.code === 'string' ? body.code : UNKNOWN_ERROR, body);
  }
  return { blob: await response.blob(), fileName: fileNameFrom(response.headers.get('content-disposition')) };
}

/** Hands a downloaded file to the browser's save flow, then lets go of it. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
