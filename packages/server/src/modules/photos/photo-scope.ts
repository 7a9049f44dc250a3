import type { Role } from '@dermis/core';
import type { Sql } from '../../platform/db.ts';
import { findCaseInComparisonScope } from '../case-review/index.ts';
import { type CaseInScope, findCaseInScope } from '../cases/index.ts';
import { findPhotoPatientForSpecialist } from '../escalations/index.ts';
import { findPhoto, type PhotoRow } from './store.ts';

/** Who acts on photos, and how their act is audited inside the use case's transaction. */
export interface PhotoActor {
  userId: string;
  role: Role;
  audit(
    tx: Sql,
    entry: { action: string; objectType: string; objectId: string | null; patientId: string | null },
  ): Promise<void>;
}

/**
 * THE scope rule for photos: a user may touch a photo (or upload one) exactly when the cases module says the
 * photo's case is in their scope. Patients: their own cases. Reviewing clinicians: added in the cases module's
 * scope when the queue lands; nothing here changes. Out of scope answers as not found (404).
 */
export function findCaseForPhotos(
  db: Sql,
  actor: Pick<PhotoActor, 'userId' | 'role'>,
  caseId: string,
  options: { lock?: boolean } = {},
): Promise<CaseInScope | null> {
  return findCaseInScope(db, actor, caseId, options);
}

/** A photo with its patient, if its case is in the actor's scope (or, to read it, their comparison scope). */
export async function findPhotoInScope(
  db: Sql,
  actor: Pick<PhotoActor, 'userId' | 'role'>,
  photoId: string,
): Promise<{ photo: PhotoRow; patientId: string } | null> {
  const photo = await findPhoto(db, photoId);
  if (!photo) return null;
  // Specialists: the escalations module's rule (while claimed: the case's photos; after signing: those seen then).
  if (actor.role === 'specialist') {
    const patientId = await findPhotoPatientForSpecialist(db, actor.userId, { id: photo.id, caseId: photo.case_id });
    return patientId ? { photo, patientId } : null;
  }
  const inScope =
    (await findCaseForPhotos(db, actor, photo.case_id)) ??
    // Reading only: a dermatologist also sees the patient's earlier submissions' photos, for comparison.
    (actor.role === 'dermatologist' ? await findCaseInComparisonScope(db, actor.userId, photo.case_id) : null);
  return inScope ? { photo, patientId: inScope.patientRecordId } : null;
}
