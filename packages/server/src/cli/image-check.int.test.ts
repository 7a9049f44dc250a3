import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markedPhoto, phoneJpeg } from '../../test/photo-fixtures.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const BIN = path.join(REPO_ROOT, 'packages/server/bin/dermis.js');

function dermis(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // no DERMIS_* settings and no data folder: image-check needs neither
    const env = { PATH: process.env.PATH, HOME: os.tmpdir() };
    execFile(process.execPath, [BIN, ...args], { cwd: tmp, env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let tmp: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-image-check-'));
  const write = (name: string, bytes: Buffer) => {
    files[name] = path.join(tmp, name);
    fs.writeFileSync(files[name], bytes);
  };
  write('phone.jpg', await phoneJpeg(1600, 1200));
  write(
    'flat.jpg',
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#7a5a48' } })
      .jpeg()
      .toBuffer(),
  );
  write('notes.jpg', Buffer.from('not a photo\n'));
  write('empty.jpg', Buffer.alloc(0));
  const jpeg = await (await markedPhoto(1200, 900)).jpeg().toBuffer();
  write('cut.jpg', jpeg.subarray(0, jpeg.length >> 1));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('dermis image-check', () => {
  it('prints one JSON line per file, in order, with a stable code for files it cannot process, and exits 0', async () => {
    const args = ['phone.jpg', 'flat.jpg', 'notes.jpg', 'empty.jpg', 'cut.jpg', 'missing.jpg'];
    const run = await dermis(['image-check', ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.decision, l.reasons])).toEqual([
      ['phone.jpg', expect.stringMatching(/^(accept|warn)$/), expect.any(Array)],
      ['flat.jpg', 'reject', ['TOO_BLURRY']],
      ['notes.jpg', 'reject', ['FORMAT_NOT_ALLOWED']],
      ['empty.jpg', 'reject', ['FILE_EMPTY']],
      ['cut.jpg', 'reject', ['FILE_CORRUPT']],
      ['missing.jpg', 'reject', ['FILE_UNREADABLE']],
    ]);
    for (const line of lines) {
      expect(typeof line.score).toBe('number');
      expect(typeof line.metrics).toBe('object');
      expect(line.derivatives).toBeUndefined();
    }
    expect(lines[0].metrics).toMatchObject({ width: 1200, height: 1600 });
    expect(lines[0].score).toBeGreaterThan(lines[1].score);
  });

  it('with --out writes master, preview and thumbnail as readable JPEGs and names them in the line', async () => {
    const out = path.join(tmp, 'out');
    const run = await dermis(['image-check', '--out', out, files['phone.jpg']!, files['notes.jpg']!]);
    expect(run.code).toBe(0);
    const [photo, notes] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(notes.derivatives).toBeUndefined();
    expect(Object.keys(photo.derivatives)).toEqual(['master', 'preview', 'thumbnail']);
    const sizes = [];
    for (const file of Object.values(photo.derivatives) as string[]) {
      expect(path.dirname(file)).toBe(out);
      const meta = await sharp(fs.readFileSync(file)).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      sizes.push([meta.width, meta.height]);
    }
    expect(sizes).toEqual([
      [1200, 1600],
      [1200, 1600],
      [240, 320],
    ]);
  });

  it('prints its usage and exits 2 without files', async () => {
    const run = await dermis(['image-check']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: dermis image-check');
  });
});
