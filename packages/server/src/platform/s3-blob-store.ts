import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertBlobKey, type BlobInfo, BlobNotFoundError, type BlobStore, blobContext, collect } from './blob-store.ts';
import type { BlobStoreConfig } from './config.ts';
import { type KeyRing, open, seal } from './crypto.ts';

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

/**
 * Blobs in S3-compatible object storage (DESIGN.md "Blobs"): the same sealed objects as the local store, so the
 * provider only ever holds ciphertext. A PUT is atomic in S3 (an object appears whole or not at all), which gives
 * the same guarantee as the local store's rename: no reader or sweeper ever sees half an object.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #ring: KeyRing;
  readonly #maxBytes: number;

  constructor(options: {
    client: S3Client;
    bucket: string;
    prefix: string;
    keyRing: KeyRing;
    maxObjectBytes?: number;
  }) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix;
    this.#ring = options.keyRing;
    this.#maxBytes = options.maxObjectBytes ?? 64 * 1024 * 1024;
  }

  #objectKey(key: string): string {
    assertBlobKey(key);
    return `${this.#prefix}${key}`;
  }

  async put(key: string, body: Buffer | AsyncIterable<Uint8Array>): Promise<void> {
    const objectKey = this.#objectKey(key);
    const sealed = seal(this.#ring, await collect(body, this.#maxBytes), blobContext(key));
    await this.#client.send(
      new PutObjectCommand({
        Bucket: this.#bucket,
        Key: objectKey,
        Body: sealed,
        ContentLength: sealed.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    return Readable.from([await this.read(key)], { objectMode: false });
  }

  async read(key: string): Promise<Buffer> {
    const objectKey = this.#objectKey(key);
    let bytes: Uint8Array;
    try {
      const response = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: objectKey }));
      if (!response.Body) throw new BlobNotFoundError('no such blob');
      bytes = await response.Body.transformToByteArray();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new BlobNotFoundError('no such blob');
      }
      throw error;
    }
    return open(this.#ring, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), blobContext(key));
  }

  async delete(key: string): Promise<void> {
    // S3 answers a delete of a missing key with success, as the interface wants
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }));
  }

  async *list(): AsyncIterable<BlobInfo> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: this.#prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.#prefix.length) ?? '';
        // objects under deeper "folders" or with other names are not ours
        if (!/^[A-Za-z0-9_-]{1,128}$/.test(key)) continue;
        yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

export function s3BlobStore(config: S3Config, keyRing: KeyRing): S3BlobStore {
  const client = new S3Client({
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // Checksums only where S3 requires them: many S3-compatible services refuse the SDK's default
    // aws-chunked trailing checksums. Integrity is already guaranteed end to end by the AES-GCM seal.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return new S3BlobStore({ client, bucket: config.bucket, prefix: config.prefix, keyRing });
}
