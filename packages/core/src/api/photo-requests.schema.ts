import { type Static, Type } from '@sinclair/typebox';
import { RequestedPhoto } from './responses.schema.ts';

// More images (issue 5): what the patient (or referring GP) sees of the dermatologist's open photo requests,
// and the answer to sending the photos.

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

export const OpenPhotoRequest = Type.Object(
  {
    request: RequestedPhoto,
    /** Accepted photos that answer this request so far (the case's photo list has them, by photoRequestId). */
    photoCount: Type.Integer({ minimum: 0 }),
  },
  strict,
);
export type OpenPhotoRequest = Static<typeof OpenPhotoRequest>;

export const CasePhotoRequests = Type.Object(
  {
    caseId: Uuid,
    /** True while the case waits for the patient and there is something to send. */
    isWaiting: Type.Boolean(),
    /** When the dermatologist asked (the wait starts here); null when nothing is open. */
    requestedAt: Type.Union([DateTime, Type.Null()]),
    requests: Type.Array(OpenPhotoRequest),
  },
  strict,
);
export type CasePhotoRequests = Static<typeof CasePhotoRequests>;

export const SendRequestedPhotosHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Required. 1–128 printable characters, unique per sending attempt.' }),
  ),
});

export const SentPhotosReceipt = Type.Object(
  {
    caseId: Uuid,
    status: Type.Literal('in_review'),
    sentAt: DateTime,
    /** Requests answered by this sending. */
    requestCount: Type.Integer({ minimum: 1 }),
  },
  strict,
);
export type SentPhotosReceipt = Static<typeof SentPhotosReceipt>;
