import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type KeyRing, open, seal } from './crypto.ts';

/**
 * Where blobs (image derivatives, documents) live (DESIGN.md "Blobs"). Every object is sealed with its own
 * data key before it reaches the backend, so neither a disk nor an S3 provider ever holds plaintext.
 *
 * Kept small on purpose so an S3-compatible store fits the same shape: put/get/delete by key, and a listing
 * with ages for the orphan sweeper. Keys are opaque ids chosen by the server (`newBlobKey`), never names
 * from users; anything else is refused before it can become a path.
 */
export interface BlobStore {
  /** Seals and stores `body`; replaces an object with the same key. Nothing is visible until it is complete. */
  put(key: string, body: Buffer | AsyncIterable<Uint8Array>): Promise<void>;
  /** The plaintext of an object; `BlobNotFoundError` when there is none. */
  get(key: string): Promise<Readable>;
  /** The same, whole (objects are sealed whole, so a reader holds one in memory either way). */
  read(key: string): Promise<Buffer>;
  /** Removes an object; removing a missing one is not an error (sweeps and retries repeat deletes). */
  delete(key: string): Promise<void>;
  /** Every stored object with its size and last write time, for the sweeper that removes orphans. */
  list(): AsyncIterable<BlobInfo>;
}

export interface BlobInfo {
  key: string;
  /** Stored (sealed) size in bytes. */
  size: number;
  modifiedAt: Date;
}

export class BlobNotFoundError extends Error {}
export class BlobKeyError extends Error {}
export class BlobTooLargeError extends Error {}

/** Letters, digits, `_` and `-` only: no dots, no slashes, so a key can never name a path outside the store. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function assertBlobKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new BlobKeyError('blob keys are 1-128 letters, digits, _ or -');
}

/** A fresh opaque key; `purpose` (e.g. "master") only helps operators read a listing. */
export function newBlobKey(purpose?: string): string {
  const id = randomUUID();
  if (purpose === undefined) return id;
  assertBlobKey(purpose);
  return `${id}-${purpose}`;
}

/** The associated data every blob is sealed with: a sealed object copied under another key does not open. */
export function blobContext(key: string): string {
  return `blob:${key}`;
}

/**
 * Sealing works on whole objects (AES-GCM with one tag), so a stream is gathered first, up to `maxBytes`
 * (a photo is at most 25 MB; the limit keeps memory bounded when a caller passes an unbounded stream).
 */
export async function collect(body: Buffer | AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > maxBytes) throw new BlobTooLargeError('blob exceeds the store limit');
    return body;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) throw new BlobTooLargeError('blob exceeds the store limit');
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  }
  return Buffer.concat(chunks, total);
}

export interface LocalBlobStoreOptions {
  /** The folder that holds the blobs, e.g. `<DATA_DIR>/blobs`. */
  dir: string;
  keyRing: KeyRing;
  /** Largest plaintext object accepted; default 64 MiB. */
  maxObjectBytes?: number;
}

const TEMP_PREFIX = '.tmp-';

/**
 * Blobs in a local folder: `<dir>/<2 hex chars>/<key>`, spread over 256 sub-folders by a hash of the key so
 * no folder grows huge. A write goes to a temporary file in the same folder and is renamed into place, so a
 * reader or the sweeper never sees half an object.
 */
export class LocalBlobStore implements BlobStore {
  readonly dir: string;
  readonly #ring: KeyRing;
  readonly #maxBytes: number;

  constructor(options: LocalBlobStoreOptions) {
    this.dir = path.resolve(options.dir);
    this.#ring = options.keyRing;
    this.#maxBytes = options.maxObjectBytes ?? 64 * 1024 * 1024;
  }

  /** The file that holds `key` (for tests and operators; callers use get/put). */
  pathOf(key: string): string {
    assertBlobKey(key);
    const shard = createHash('sha256').update(key).digest('hex').slice(0, 2);
    return path.join(this.dir, shard, key);
  }

  async put(key: string, body: Buffer | AsyncIterable<Uint8Array>): Promise<void> {
    const file = this.pathOf(key);
    const plaintext = await collect(body, this.#maxBytes);
    const sealed = seal(this.#ring, plaintext, blobContext(key));
    await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const temp = path.join(path.dirname(file), `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      await fs.promises.writeFile(temp, sealed, { mode: 0o600, flag: 'wx' });
      await fs.promises.rename(temp, file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    return Readable.from([await this.read(key)], { objectMode: false });
  }

  async read(key: string): Promise<Buffer> {
    const file = this.pathOf(key);
    let sealed: Buffer;
    try {
      sealed = await fs.promises.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError('no such blob');
      throw error;
    }
    return open(this.#ring, sealed, blobContext(key));
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<BlobInfo> {
    let shards: fs.Dirent[];
    try {
      shards = await fs.promises.readdir(this.dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
      const folder = path.join(this.dir, shard.name);
      for (const entry of await fs.promises.readdir(folder, { withFileTypes: true })) {
        // temporary files of writes in progress are not objects yet
        if (!entry.isFile() || !KEY_PATTERN.test(entry.name)) continue;
        const stat = await fs.promises.stat(path.join(folder, entry.name)).catch(() => null);
        if (stat) yield { key: entry.name, size: stat.size, modifiedAt: stat.mtime };
      }
    }
  }
}

/** The blob store of a data folder: `<dataDir>/blobs`. */
export function localBlobStore(dataDir: string, keyRing: KeyRing): LocalBlobStore {
  return new LocalBlobStore({ dir: path.join(dataDir, 'blobs'), keyRing });
}
