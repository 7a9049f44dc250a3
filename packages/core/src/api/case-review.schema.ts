import { type Static, Type } from '@sinclair/typebox';
import { ANNOTATION_VISIBILITIES } from '../annotations/web-annotation.ts';
import { CaseBodySite, CaseStatusSchema, ConcernSchema } from './cases.schema.ts';
import { PhotoLinks, PhotoViewSchema } from './photos.schema.ts';
import { TriagePrioritySchema, TriageRuleIdSchema } from './review.schema.ts';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Links = PhotoLinks.properties.links;

/** A photo with links to its derivatives, signed for the caller and valid until `linksExpireAt` (≤ 15 min). */
export const CaseViewPhoto = Type.Object(
  {
    id: Uuid,
    bodySiteId: Uuid,
    view: Type.Union([PhotoViewSchema, Type.Null()]),
    width: Type.Integer(),
    height: Type.Integer(),
    capturedAt: Type.Union([DateTime, Type.Null()]),
    createdAt: DateTime,
    links: Links,
    linksExpireAt: DateTime,
  },
  strict,
);
export type CaseViewPhoto = Static<typeof CaseViewPhoto>;

/** One of the patient's earlier Dermis cases (submitted before this one). */
export const EarlierCase = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.String(),
    concern: ConcernSchema,
    status: CaseStatusSchema,
    submittedAt: DateTime,
  },
  strict,
);
export type EarlierCase = Static<typeof EarlierCase>;

/** Photos of the same body site (site code and laterality) from the patient's earlier submissions. */
export const SiteComparison = Type.Object(
  {
    bodySiteId: Uuid,
    earlier: Type.Array(
      Type.Object({ caseId: Uuid, caseNumber: Type.String(), submittedAt: DateTime, photo: CaseViewPhoto }, strict),
    ),
  },
  strict,
);
export type SiteComparison = Static<typeof SiteComparison>;

/**
 * The whole case for the dermatologist it is assigned to (issue 5, "Case view"). The intake travels as the
 * stored QuestionnaireResponse with its Questionnaire's canonical; the web app groups it for reading with
 * core's buildClinicalSummary (review-summary), in the reader's language, with `redFlags` (the stored triage).
 */
export const CaseReviewView = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.String(),
    concern: ConcernSchema,
    status: CaseStatusSchema,
    submittedAt: DateTime,
    /** While the case waits for the photos asked for (more images): since when; null otherwise. */
    waitingForPatientSince: Type.Union([DateTime, Type.Null()]),
    priority: TriagePrioritySchema,
    redFlags: Type.Array(TriageRuleIdSchema),
    patient: Type.Object(
      {
        givenName: Type.String(),
        familyName: Type.String(),
        birthDate: IsoDate,
        ageYears: Type.Integer({ minimum: 0 }),
        /** Not collected by the intake yet; null until it is. */
        sex: Type.Union([Type.String(), Type.Null()]),
      },
      strict,
    ),
    bodySites: Type.Array(CaseBodySite),
    intake: Type.Object({ questionnaire: Type.String(), response: Type.Unknown() }, strict),
    photos: Type.Array(CaseViewPhoto),
    earlierCases: Type.Array(EarlierCase),
    comparisons: Type.Array(SiteComparison),
  },
  strict,
);
export type CaseReviewView = Static<typeof CaseReviewView>;

export const CaseReviewParams = Type.Object({ id: Uuid }, strict);
export type CaseReviewParams = Static<typeof CaseReviewParams>;

// ---- Annotations on a photo ----

export const AnnotationVisibilitySchema = Type.Union(ANNOTATION_VISIBILITIES.map((v) => Type.Literal(v)));

const Selector = Type.Union([
  Type.Object(
    {
      type: Type.Literal('FragmentSelector'),
      conformsTo: Type.Literal('http://www.w3.org/TR/media-frags/'),
      value: Type.String(),
    },
    strict,
  ),
  Type.Object({ type: Type.Literal('SvgSelector'), value: Type.String() }, strict),
]);

/** The stored W3C Web Annotation (core/annotations/web-annotation.ts). */
export const WebAnnotationSchema = Type.Object(
  {
    '@context': Type.Literal('http://www.w3.org/ns/anno.jsonld'),
    id: Type.String(),
    type: Type.Literal('Annotation'),
    body: Type.Array(
      Type.Object(
        {
          type: Type.Literal('TextualBody'),
          value: Type.String(),
          purpose: Type.Literal('commenting'),
          format: Type.Literal('text/plain'),
        },
        strict,
      ),
    ),
    target: Type.Object({ source: Type.String(), selector: Selector }, strict),
    created: DateTime,
    modified: DateTime,
  },
  strict,
);

export const PhotoAnnotation = Type.Object(
  {
    id: Uuid,
    photoId: Uuid,
    visibility: AnnotationVisibilitySchema,
    shape: Type.Union([Type.Literal('rectangle'), Type.Literal('point'), Type.Literal('polygon')]),
    annotation: WebAnnotationSchema,
  },
  strict,
);
export type PhotoAnnotation = Static<typeof PhotoAnnotation>;

export const PhotoAnnotationList = Type.Object({ annotations: Type.Array(PhotoAnnotation) }, strict);
export type PhotoAnnotationList = Static<typeof PhotoAnnotationList>;

/**
 * A new or changed annotation: `annotation` is checked by core's parseWebAnnotation (400 ANNOTATION_INVALID
 * with the problem's path), `visibility` by this schema (400 VALIDATION_FAILED).
 */
export const PhotoAnnotationWrite = Type.Object(
  { visibility: AnnotationVisibilitySchema, annotation: Type.Unknown() },
  strict,
);
export type PhotoAnnotationWrite = Static<typeof PhotoAnnotationWrite>;

/** `id` is the photo's (the same parameter name as the photos module's /api/photos/:id routes). */
export const PhotoAnnotationParams = Type.Object({ id: Uuid }, strict);
export type PhotoAnnotationParams = Static<typeof PhotoAnnotationParams>;
export const AnnotationIdParams = Type.Object({ id: Uuid, annotationId: Uuid }, strict);
export type AnnotationIdParams = Static<typeof AnnotationIdParams>;
