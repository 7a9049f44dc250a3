import { describe, expect, it } from 'vitest';
import { preShrinkSize } from './check-size.ts';
import { forgetUploadUrl, rememberedUploadUrl, rememberUploadUrl, uploadMemoryKey } from './upload-memory.ts';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const file = { name: 'IMG_0001.HEIC', size: 3_456_789, type: 'image/heic', lastModified: 1_780_000_000_000 };
const CASE = '070a178c-2f7e-4c93-83bf-1a4dab2ea002';
const SITE = '11111111-2f7e-4c93-83bf-1a4dab2ea002';

describe('upload memory (resume the same tus upload, never a second one)', () => {
  it('keys by case, body site and file, without the file name', () => {
    const key = uploadMemoryKey(CASE, SITE, file);
    expect(key).toContain(CASE);
    expect(key).toContain(SITE);
    expect(key).not.toContain('IMG_0001');
    expect(uploadMemoryKey(CASE, SITE, { ...file })).toBe(key);
    expect(uploadMemoryKey(CASE, SITE, { ...file, lastModified: file.lastModified + 1 })).not.toBe(key);
    expect(uploadMemoryKey(CASE, CASE, file)).not.toBe(key);
  });

  it('gives back the stored upload path, only for our own upload URLs, and forgets it', () => {
    const store = memoryStore();
    const key = uploadMemoryKey(CASE, SITE, file);
    expect(rememberedUploadUrl(key, store)).toBeNull();
    rememberUploadUrl(key, 'http://127.0.0.1:3000/api/uploads/8b69acabbc8a2d33be0e3373e03f4654', store);
    expect(rememberedUploadUrl(key, store)).toBe('/api/uploads/8b69acabbc8a2d33be0e3373e03f4654');
    forgetUploadUrl(key, store);
    expect(rememberedUploadUrl(key, store)).toBeNull();
    store.setItem(key, 'https://evil.example/api/uploads/x');
    expect(rememberedUploadUrl(key, store)).toBeNull();
  });
});

describe('pre-shrink before the gate (as the server: 1600 px long edge, never enlarged)', () => {
  it('reduces a 12 MP photo to 1600 px and keeps small photos as they are', () => {
    expect(preShrinkSize(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(preShrinkSize(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(preShrinkSize(1024, 768)).toEqual({ width: 1024, height: 768 });
  });
});
