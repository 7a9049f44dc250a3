// An S3-compatible server for tests (s3rver speaks the S3 REST protocol, signatures included), so the S3 blob
// store is tested against a real peer over HTTP, the way it talks to AWS, MinIO or R2 in production.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types; `new S3rver(options).run()` resolves to the server address
import S3rver from 's3rver';

export interface S3Peer {
  /** The settings that point Dermis at it. */
  env: Record<string, string>;
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps objects: the bytes a storage provider would hold. */
  directory: string;
  close(): Promise<void>;
}

export async function startS3Peer(bucket = 'dermis-test'): Promise<S3Peer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dermis-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    env: {
      BLOB_STORE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      // s3rver's fixed credentials
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    endpoint,
    bucket,
    directory,
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Every file under the peer's folder, read raw: what a storage provider could see. */
export function storedFiles(directory: string): Buffer[] {
  const out: Buffer[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(fs.readFileSync(full));
    }
  };
  walk(directory);
  return out;
}
