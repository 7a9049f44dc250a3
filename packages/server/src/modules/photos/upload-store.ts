import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/utils';
import { type KeyRing, open, seal } from '../../platform/crypto.ts';

/**
 * The tus DataStore for photo uploads: bytes are encrypted before they touch the disk, partial uploads
 * included (DESIGN.md "Blobs").
 *
 * One file per upload, `<dir>/<id>`, append-only:
 *   "DUP1" | header length (u32) | header sealed with the master key (size, creation time, metadata ids and the
 *   upload's own random data key) | frame | frame | …
 * Frame: plaintext length (u32) | nonce (12) | GCM tag (16) | AES-256-GCM ciphertext, under the upload's data
 * key, with the upload id and the frame's plaintext offset as associated data (frames cannot be reordered or
 * moved to another upload). The tus offset is the sum of the complete frames' plaintext lengths; a frame torn
 * by a crash is not counted and is cut off by the next write, so the client simply resends those bytes.
 */
const MAGIC = Buffer.from('DUP1');
const NONCE = 12;
const TAG = 16;
const FRAME_HEADER = 4 + NONCE + TAG;
/** Incoming bytes are gathered into frames of this size (a PATCH's last frame may be shorter). */
const FRAME_PLAINTEXT = 256 * 1024;
/** Tiny PATCHes make tiny frames; past this many a hostile client is refused (a 25 MB photo needs ~100). */
const MAX_FRAMES = 10_000;
const ID = /^[0-9a-f]{32}$/;

interface UploadHeader {
  size: number;
  createdAt: string;
  metadata: Record<string, string>;
  /** The upload's data key, base64 (the header itself is sealed). */
  key: string;
}

interface Scan {
  header: UploadHeader;
  dataKey: Buffer;
  /** Plaintext bytes in complete frames. */
  offset: number;
  /** File position of the first frame. */
  start: number;
  /** File position just after the last complete frame. */
  end: number;
  fileSize: number;
  frames: number;
}

function frameContext(id: string, offset: number): Buffer {
  return Buffer.from(`upload:${id}:${offset}`);
}

export class EncryptedUploadStore extends DataStore {
  readonly dir: string;
  readonly #ring: KeyRing;

  constructor(dir: string, ring: KeyRing) {
    super();
    this.dir = path.resolve(dir);
    this.#ring = ring;
    this.extensions = ['creation', 'creation-with-upload'];
  }

  /** Ids are chosen by the server (32 hex characters); anything else never becomes a path. */
  pathOf(id: string): string {
    if (!ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return path.join(this.dir, id);
  }

  override async create(upload: Upload): Promise<Upload> {
    const createdAt = new Date().toISOString();
    const metadata = Object.fromEntries(
      Object.entries(upload.metadata ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const header: UploadHeader = {
      size: upload.size ?? 0,
      createdAt,
      metadata,
      key: randomBytes(32).toString('base64'),
    };
    const sealed = seal(this.#ring, Buffer.from(JSON.stringify(header)), `upload:${upload.id}`);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(sealed.length);
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fs.promises.writeFile(this.pathOf(upload.id), Buffer.concat([MAGIC, length, sealed]), {
      flag: 'wx',
      mode: 0o600,
    });
    upload.creation_date = createdAt;
    return upload;
  }

  async #scan(id: string, file: fs.promises.FileHandle): Promise<Scan> {
    const { size: fileSize } = await file.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const prefix = await read(0, 8);
    if (prefix.length < 8 || !prefix.subarray(0, 4).equals(MAGIC)) throw ERRORS.FILE_NOT_FOUND;
    const headerLength = prefix.readUInt32BE(4);
    const header = JSON.parse(
      open(this.#ring, await read(8, headerLength), `upload:${id}`).toString('utf8'),
    ) as UploadHeader;
    let end = 8 + headerLength;
    let offset = 0;
    let frames = 0;
    while (end + FRAME_HEADER <= fileSize) {
      const length = (await read(end, 4)).readUInt32BE(0);
      if (end + FRAME_HEADER + length > fileSize) break; // torn by a crash: not counted
      end += FRAME_HEADER + length;
      offset += length;
      frames++;
    }
    return {
      header,
      dataKey: Buffer.from(header.key, 'base64'),
      offset,
      start: 8 + headerLength,
      end,
      fileSize,
      frames,
    };
  }

  async #openFile(id: string, flags: string): Promise<fs.promises.FileHandle> {
    try {
      return await fs.promises.open(this.pathOf(id), flags);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw ERRORS.FILE_NOT_FOUND;
      throw error;
    }
  }

  override async getUpload(id: string): Promise<Upload> {
    const file = await this.#openFile(id, 'r');
    try {
      const { header, offset } = await this.#scan(id, file);
      return new Upload({
        id,
        size: header.size,
        offset,
        metadata: header.metadata,
        creation_date: header.createdAt,
      });
    } finally {
      await file.close();
    }
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const file = await this.#openFile(id, 'r+');
    try {
      const scan = await this.#scan(id, file);
      if (scan.offset !== offset) throw ERRORS.INVALID_OFFSET;
      if (scan.end < scan.fileSize) await file.truncate(scan.end);
      let position = scan.end;
      let written = offset;
      let frames = scan.frames;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        if (++frames > MAX_FRAMES) throw ERRORS.ERR_SIZE_EXCEEDED;
        const plaintext = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        const nonce = randomBytes(NONCE);
        const cipher = createCipheriv('aes-256-gcm', scan.dataKey, nonce);
        cipher.setAAD(frameContext(id, written));
        const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(plaintext.length);
        const frame = Buffer.concat([length, nonce, cipher.getAuthTag(), ciphertext]);
        await file.write(frame, 0, frame.length, position);
        position += frame.length;
        written += plaintext.length;
      };
      try {
        for await (const chunk of stream) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          pending.push(bytes);
          pendingBytes += bytes.length;
          if (pendingBytes >= FRAME_PLAINTEXT) await flush();
        }
      } finally {
        // A dropped connection still keeps what arrived: the client resumes after it.
        await flush();
        await file.sync();
      }
      return written;
    } finally {
      await file.close();
    }
  }

  /**
   * The whole upload decrypted, for the image pipeline (a photo is at most 25 MB, which bounds the memory).
   * Fails when the upload is incomplete or any frame does not authenticate.
   */
  async readPlaintext(id: string): Promise<Buffer> {
    const file = await this.#openFile(id, 'r');
    try {
      const scan = await this.#scan(id, file);
      if (scan.offset !== scan.header.size) throw new Error('upload is not complete');
      const parts: Buffer[] = [];
      let position = scan.start;
      let offset = 0;
      while (position < scan.end) {
        const head = Buffer.alloc(FRAME_HEADER);
        await file.read(head, 0, FRAME_HEADER, position);
        const length = head.readUInt32BE(0);
        const ciphertext = Buffer.alloc(length);
        await file.read(ciphertext, 0, length, position + FRAME_HEADER);
        const decipher = createDecipheriv('aes-256-gcm', scan.dataKey, head.subarray(4, 4 + NONCE));
        decipher.setAAD(frameContext(id, offset));
        decipher.setAuthTag(head.subarray(4 + NONCE));
        parts.push(decipher.update(ciphertext), decipher.final());
        position += FRAME_HEADER + length;
        offset += length;
      }
      return Buffer.concat(parts, offset);
    } finally {
      await file.close();
    }
  }

  override async remove(id: string): Promise<void> {
    await fs.promises.rm(this.pathOf(id), { force: true });
  }

  /** Upload files with their last write time, for the sweeper. */
  async *list(): AsyncIterable<{ id: string; modifiedAt: Date }> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      if (!ID.test(name)) continue;
      const stat = await fs.promises.stat(path.join(this.dir, name)).catch(() => null);
      if (stat?.isFile()) yield { id: name, modifiedAt: stat.mtime };
    }
  }
}
