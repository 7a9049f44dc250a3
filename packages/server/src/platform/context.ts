import type { Role } from '@dermis/core';
import type { Logger } from 'pino';
import type { BlobStore } from './blob-store.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { KeyRing } from './crypto.ts';
import type { Database } from './db.ts';
import type { Mailer } from './mailer.ts';

/** What services need from the platform; passed explicitly, so a service's dependencies are visible. */
export interface Platform {
  config: Config;
  db: Database;
  clock: Clock;
  keys: KeyRing;
  mailer: Mailer;
  /** Sealed blobs (image derivatives, documents): the data folder or S3-compatible storage (config.blobs). */
  blobs: BlobStore;
  log: Logger;
}

/** Who is acting and from where: the audit row's "who" and "from where". */
export interface Actor {
  userId: string | null;
  role: Role | null;
  ip: string;
  userAgent: string | null;
}
