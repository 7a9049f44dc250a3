import path from 'node:path';
import pino, { type DestinationStream } from 'pino';
import { authJobHandlers } from '../modules/auth/index.ts';
import { caseJobHandlers } from '../modules/cases/index.ts';
import { escalationJobHandlers } from '../modules/escalations/index.ts';
import { pushJobHandlers } from '../modules/notifications/index.ts';
import { photoRequestJobHandlers } from '../modules/photo-requests/index.ts';
import { photoJobHandlers } from '../modules/photos/index.ts';
import { responseJobHandlers } from '../modules/responses/index.ts';
import { localBlobStore } from './blob-store.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import type { Platform } from './context.ts';
import { loadKeyRing } from './crypto.ts';
import { openMigratedDatabase } from './db.ts';
import { loggerOptions } from './logger.ts';
import { folderMailer, type Mailer, smtpMailer } from './mailer.ts';
import { migrate } from './migrate.ts';
import type { JobHandler } from './outbox.ts';
import { s3BlobStore } from './s3-blob-store.ts';

/** Every background job the worker knows, by topic. Modules add theirs here. */
export const jobHandlers: Record<string, JobHandler> = {
  ...authJobHandlers,
  ...caseJobHandlers,
  ...escalationJobHandlers,
  ...photoJobHandlers,
  ...photoRequestJobHandlers,
  ...pushJobHandlers,
  ...responseJobHandlers,
};

export interface PlatformOptions {
  clock?: Clock;
  mailer?: Mailer;
  logStream?: DestinationStream;
  /** Tests: in-memory embedded database instead of the data folder. */
  inMemory?: boolean;
}

export async function openPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const log = pino(loggerOptions(config.logLevel), options.logStream ?? pino.destination(1));
  const keys = loadKeyRing(config, (message) => log.warn(message));
  const db = await openMigratedDatabase(
    { databaseUrl: config.databaseUrl, dataDir: options.inMemory ? null : config.dataDir },
    migrate,
  );
  const mailer =
    options.mailer ??
    (config.smtp
      ? smtpMailer(config.smtp.url, config.smtp.from)
      : folderMailer(path.join(config.dataDir, 'mail'), config.mailFrom));
  const blobs = config.blobs.kind === 's3' ? s3BlobStore(config.blobs, keys) : localBlobStore(config.dataDir, keys);
  return { config, db, clock: options.clock ?? systemClock, keys, mailer, blobs, log };
}

export async function closePlatform(p: Platform): Promise<void> {
  p.mailer.close();
  await p.db.close();
}
