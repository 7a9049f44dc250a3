// Which tus upload URL belongs to which photo, for this browser tab: a retry or a page reload with the same file
// resumes the same upload (HEAD → PATCH from the server's offset) instead of creating a second one. The server is
// the guard against duplicates; reusing the URL is what lets it be. Keys hold no file name, only a hash.

const PREFIX = 'dermis.upload.';

/** FNV-1a, 32 bit, as hex: enough to tell apart the files one patient picks in one tab. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export interface FileIdentity {
  name: string;
  size: number;
  type: string;
  lastModified: number;
}

export function fileFingerprint(file: FileIdentity): string {
  return `${fnv1a(`${file.name}|${file.type}`)}-${file.size.toString(36)}-${file.lastModified.toString(36)}`;
}

export function uploadMemoryKey(caseId: string, bodySiteId: string, file: FileIdentity): string {
  return `${PREFIX}${caseId}.${bodySiteId}.${fileFingerprint(file)}`;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function storage(): StorageLike | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled: uploads still work, they just cannot be resumed after a reload
  }
}

export function rememberedUploadUrl(key: string, store: StorageLike | null = storage()): string | null {
  const url = store?.getItem(key) ?? null;
  // Only our own same-origin upload paths are ever reused.
  return url && /^\/api\/uploads\/[0-9a-f]{32}$/.test(url) ? url : null;
}

export function rememberUploadUrl(key: string, url: string, store: StorageLike | null = storage()): void {
  try {
    store?.setItem(key, new URL(url, 'http://x').pathname);
  } catch {
    // quota or privacy mode: resuming after a reload is a convenience
  }
}

export function forgetUploadUrl(key: string, store: StorageLike | null = storage()): void {
  store?.removeItem(key);
}
