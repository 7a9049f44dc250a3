import { createHash } from 'node:crypto';
import type { CarePlanInfo, SignableResponse } from '@dermis/core';
import { newBlobKey } from '../../platform/blob-store.ts';
import type { Platform } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CaseCaller } from '../cases/index.ts';
import { CARE_PLAN_MAX_BYTES, generateCarePlanPdf, isPdf } from './care-plan-pdf.ts';
import { caseInScope, isDrafting } from './response-scope.ts';
import { toCarePlanInfo } from './response-view.ts';
import {
  type CarePlanRow,
  deleteUnsignedCarePlan,
  ensureDraft,
  findCarePlan,
  findSignedCarePlan,
  insertCarePlan,
  setDraftCarePlan,
} from './store.ts';

// Care-plan blobs: `<uuid>-careplan`, sealed by the blob store like every other object (the photo sweeper
// only touches its own derivative keys).
const BLOB_PURPOSE = 'careplan';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Removes blobs whose row never committed (or was replaced); a failure leaves an orphan, never a lost row. */
async function discardBlobs(p: Platform, keys: string[]): Promise<void> {
  for (const key of keys) {
    await p.blobs.delete(key).catch((error: unknown) => p.log.warn({ err: error }, 'care plan blob not removed'));
  }
}

/**
 * Stores a PDF the dermatologist uploads for the draft (replacing an earlier unsigned upload). The bytes are
 * checked (PDF magic, size) before anything is written, and sealed in the blob store before the row commits.
 */
export async function uploadCarePlan(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  bytes: Buffer,
): Promise<CarePlanInfo> {
  // The scope first, so nothing of a caller outside it is stored even for a moment.
  await caseInScope(p.db, caller, caseId);
  if (bytes.length === 0) throw new AppError('FILE_EMPTY');
  if (bytes.length > CARE_PLAN_MAX_BYTES) throw new AppError('CARE_PLAN_TOO_LARGE');
  if (!isPdf(bytes)) throw new AppError('CARE_PLAN_NOT_PDF');
  const key = newBlobKey(BLOB_PURPOSE);
  await p.blobs.put(key, bytes);
  try {
    const { info, replacedKey } = await p.db.transaction(async (tx) => {
      const found = await caseInScope(tx, caller, caseId, true);
      if (!isDrafting(found.status)) throw new AppError('RESPONSE_ALREADY_SIGNED');
      const now = p.clock.now();
      const draft = await ensureDraft(tx, caseId, caller.userId, now);
      const row = await insertCarePlan(
        tx,
        { caseId, source: 'uploaded', blobKey: key, byteSize: bytes.length, sha256: sha256(bytes) },
        { userId: caller.userId, now },
      );
      await setDraftCarePlan(tx, caseId, row.id);
      const replaced = draft.uploaded_care_plan_id
        ? await deleteUnsignedCarePlan(tx, draft.uploaded_care_plan_id)
        : null;
      await caller.audit(tx, {
        action: 'response.care_plan.upload',
        objectType: 'care_plan',
        objectId: row.id,
        patientId: found.patientRecordId,
      });
      return { info: toCarePlanInfo(row), replacedKey: replaced };
    });
    if (replacedKey) await discardBlobs(p, [replacedKey]);
    return info;
  } catch (error) {
    await discardBlobs(p, [key]);
    throw error;
  }
}

/**
 * Makes the care plan from the response being signed, in the signing transaction. Returns the row and the
 * blob key, which the caller removes if its transaction does not commit.
 */
export async function generateCarePlan(
  p: Platform,
  tx: Sql,
  input: { caseId: string; response: SignableResponse; clinicianName: string; userId: string; now: Date },
  written: string[],
): Promise<CarePlanRow> {
  const bytes = await generateCarePlanPdf(input.response, { clinicianName: input.clinicianName, signedAt: input.now });
  const key = newBlobKey(BLOB_PURPOSE);
  written.push(key);
  await p.blobs.put(key, Buffer.from(bytes));
  return insertCarePlan(
    tx,
    { caseId: input.caseId, source: 'generated', blobKey: key, byteSize: bytes.length, sha256: sha256(bytes) },
    { userId: input.userId, now: input.now },
  );
}

/**
 * The PDF for download. The assigned dermatologist reads any care plan of the case (draft uploads too); the
 * patient or GP only one that went out with a signed response. Everything else is 404.
 */
export async function readCarePlan(
  p: Platform,
  caller: CaseCaller,
  caseId: string,
  carePlanId: string,
): Promise<Buffer> {
  return p.db.transaction(async (tx) => {
    const found = await caseInScope(tx, caller, caseId);
    const row =
      caller.role === 'dermatologist'
        ? await findCarePlan(tx, caseId, carePlanId)
        : await findSignedCarePlan(tx, caseId, carePlanId);
    if (!row) throw new AppError('NOT_FOUND');
    const bytes = await p.blobs.read(row.blob_key);
    await caller.audit(tx, {
      action: 'response.care_plan.read',
      objectType: 'care_plan',
      objectId: row.id,
      patientId: found.patientRecordId,
    });
    return bytes;
  });
}
