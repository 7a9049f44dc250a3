import { type Static, Type } from '@sinclair/typebox';
import {
  CARE_PLAN_MODES,
  DISPOSITIONS,
  MEDICATION_CODE_SYSTEM_IDS,
  MEDICATION_ROUTE_IDS,
  REQUESTED_PHOTO_VIEWS,
  RESPONSE_LIMITS,
} from '../responses/dispositions.ts';
import { CaseStatusSchema, LateralitySchema } from './cases.schema.ts';

// The dermatologist's response (issue 5 "Response"): the draft saved as they type, the signed response the
// patient (or referring GP) reads, amendments, the care-plan document and requests for more photos.

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Text = (maxLength: number) => Type.String({ maxLength });

export const DispositionSchema = Type.Union(DISPOSITIONS.map((d) => Type.Literal(d)));
export const MedicationRouteSchema = Type.Union(MEDICATION_ROUTE_IDS.map((r) => Type.Literal(r)));
export const RequestedPhotoViewSchema = Type.Union(REQUESTED_PHOTO_VIEWS.map((v) => Type.Literal(v)));
export const CarePlanModeSchema = Type.Union(CARE_PLAN_MODES.map((m) => Type.Literal(m)));

/**
 * A medication as the clinician writes it. In a draft any field may still be empty; signing needs all of them
 * (core validateForSigning). The code is optional: a drug dictionary id when the clinician has one.
 */
export const Medication = Type.Object(
  {
    name: Text(RESPONSE_LIMITS.shortText),
    code: Type.Union([
      Type.Object(
        {
          system: Type.Union(MEDICATION_CODE_SYSTEM_IDS.map((s) => Type.Literal(s))),
          value: Text(RESPONSE_LIMITS.shortText),
        },
        strict,
      ),
      Type.Null(),
    ]),
    dose: Text(RESPONSE_LIMITS.shortText),
    route: Type.Union([MedicationRouteSchema, Type.Null()]),
    frequency: Text(RESPONSE_LIMITS.shortText),
    durationDays: Type.Union([Type.Integer({ minimum: 0, maximum: RESPONSE_LIMITS.durationDays }), Type.Null()]),
    quantity: Type.Object(
      {
        value: Type.Union([Type.Number({ minimum: 0, maximum: RESPONSE_LIMITS.quantity }), Type.Null()]),
        unit: Text(RESPONSE_LIMITS.shortText),
      },
      strict,
    ),
    instructions: Text(RESPONSE_LIMITS.instructions),
  },
  strict,
);
export type Medication = Static<typeof Medication>;

/** One photo the dermatologist asks the patient for: where, which view, and why (in words for the patient). */
export const ImageRequest = Type.Object(
  {
    site: Type.String({ maxLength: 32 }),
    laterality: Type.Union([LateralitySchema, Type.Null()]),
    view: Type.Union([RequestedPhotoViewSchema, Type.Null()]),
    instruction: Text(RESPONSE_LIMITS.instructions),
  },
  strict,
);
export type ImageRequest = Static<typeof ImageRequest>;

/** Everything the dermatologist has written so far; the draft keeps fields of other dispositions too. */
export const ResponseContent = Type.Object(
  {
    disposition: Type.Union([DispositionSchema, Type.Null()]),
    narrative: Text(RESPONSE_LIMITS.narrative),
    medication: Type.Union([Medication, Type.Null()]),
    imageRequests: Type.Array(ImageRequest, { maxItems: RESPONSE_LIMITS.imageRequests }),
    carePlan: CarePlanModeSchema,
  },
  strict,
);
export type ResponseContent = Static<typeof ResponseContent>;

export const CarePlanInfo = Type.Object(
  {
    id: Uuid,
    source: Type.Union([Type.Literal('uploaded'), Type.Literal('generated')]),
    byteSize: Type.Integer(),
    createdAt: DateTime,
  },
  strict,
);
export type CarePlanInfo = Static<typeof CarePlanInfo>;

export const ResponseDraft = Type.Object(
  {
    caseId: Uuid,
    /** 0 before the first save; bumped on every save. */
    version: Type.Integer({ minimum: 0 }),
    content: ResponseContent,
    savedAt: Type.Union([DateTime, Type.Null()]),
    /** The PDF uploaded for this draft, if any (used when content.carePlan is 'uploaded'). */
    uploadedCarePlan: Type.Union([CarePlanInfo, Type.Null()]),
    /** True once this draft was signed; it opens again only when the case comes back for review. */
    isSigned: Type.Boolean(),
  },
  strict,
);
export type ResponseDraft = Static<typeof ResponseDraft>;

export const SaveResponseDraftBody = Type.Object(
  { version: Type.Integer({ minimum: 0 }), content: ResponseContent },
  strict,
);
export type SaveResponseDraftBody = Static<typeof SaveResponseDraftBody>;

/**
 * The 409 for a stale save: the problem plus what is stored and what was sent, so the clinician can choose.
 * Other 409s of the route (e.g. already signed) are the plain problem, without `stored` and `sent`.
 */
export const ResponseDraftConflict = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    stored: Type.Optional(ResponseDraft),
    sent: Type.Optional(SaveResponseDraftBody),
  },
  strict,
);
export type ResponseDraftConflict = Static<typeof ResponseDraftConflict>;

export const SignResponseBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, strict);
export type SignResponseBody = Static<typeof SignResponseBody>;

export const AmendResponseBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: RESPONSE_LIMITS.shortText }),
    text: Type.String({ minLength: 1, maxLength: RESPONSE_LIMITS.amendment }),
  },
  strict,
);
export type AmendResponseBody = Static<typeof AmendResponseBody>;

export const Amendment = Type.Object(
  { id: Uuid, reason: Type.String(), text: Type.String(), authorName: Type.String(), createdAt: DateTime },
  strict,
);
export type Amendment = Static<typeof Amendment>;

export const RequestedPhoto = Type.Object(
  {
    id: Uuid,
    site: Type.String(),
    laterality: Type.Union([LateralitySchema, Type.Null()]),
    /** "Left forearm", from the body-site catalogue. */
    siteLabel: Type.String(),
    view: RequestedPhotoViewSchema,
    instruction: Type.String(),
  },
  strict,
);
export type RequestedPhoto = Static<typeof RequestedPhoto>;

/** A signed response as the patient (or GP) and the dermatologist read it: never changes, amendments follow. */
export const SignedResponse = Type.Object(
  {
    id: Uuid,
    sequence: Type.Integer({ minimum: 1 }),
    disposition: DispositionSchema,
    narrative: Type.String(),
    medication: Type.Union([Medication, Type.Null()]),
    requestedPhotos: Type.Array(RequestedPhoto),
    carePlan: Type.Union([CarePlanInfo, Type.Null()]),
    signedAt: DateTime,
    signedByName: Type.String(),
    amendments: Type.Array(Amendment),
  },
  strict,
);
export type SignedResponse = Static<typeof SignedResponse>;

/** GET /api/cases/:id/response: nothing before the first signature. */
export const CaseResponses = Type.Object(
  { caseId: Uuid, status: CaseStatusSchema, responses: Type.Array(SignedResponse) },
  strict,
);
export type CaseResponses = Static<typeof CaseResponses>;

export const CarePlanParams = Type.Object({ id: Uuid, carePlanId: Uuid }, strict);
export type CarePlanParams = Static<typeof CarePlanParams>;
