import { type Static, Type } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

/** The views a patient is guided to take per body site (DESIGN.md, "Photo guidance"). */
export const PHOTO_VIEWS = ['close_up', 'context', 'side_angle'] as const;
export const PhotoViewSchema = Type.Union(PHOTO_VIEWS.map((v) => Type.Literal(v)));
export type PhotoView = Static<typeof PhotoViewSchema>;

export const PHOTO_DERIVATIVES = ['master', 'preview', 'thumbnail'] as const;
export const PhotoDerivativeSchema = Type.Union(PHOTO_DERIVATIVES.map((d) => Type.Literal(d)));
export type PhotoDerivative = Static<typeof PhotoDerivativeSchema>;

/**
 * The tus `Upload-Metadata` a photo upload must carry (each value base64, as tus requires): which case and body
 * site it belongs to, and optionally the view. Any other key (tus clients send `filename`, `filetype`) is
 * accepted and dropped: a file name is never stored, logged or used as a path.
 */
const UuidPattern = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
export const PhotoUploadMetadata = Type.Object({
  // A pattern, not format: 'uuid': tus metadata is checked with TypeBox's Value, which knows no formats.
  caseId: UuidPattern,
  // A draft's photos name their body site; a photo asked for after review names the request instead (its body
  // site and view come from the request, never from the client). The server requires exactly one of the two.
  bodySiteId: Type.Optional(UuidPattern),
  view: Type.Optional(PhotoViewSchema),
  photoRequestId: Type.Optional(UuidPattern),
});
export type PhotoUploadMetadata = Static<typeof PhotoUploadMetadata>;

export const UploadIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) }, strict);
export type UploadIdParams = Static<typeof UploadIdParams>;

export const UploadState = Type.Union([
  Type.Literal('receiving'),
  Type.Literal('processing'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
  Type.Literal('abandoned'),
]);

/** Where an upload stands; after a refusal, the stable code and (for the quality gate) its reasons. */
export const UploadStatus = Type.Object(
  {
    id: Type.String(),
    caseId: Uuid,
    bodySiteId: Uuid,
    state: UploadState,
    size: Type.Integer(),
    photoId: Type.Union([Uuid, Type.Null()]),
    rejection: Type.Union([
      Type.Object({ code: Type.String(), reasons: Type.Array(Type.String()) }, strict),
      Type.Null(),
    ]),
  },
  strict,
);
export type UploadStatus = Static<typeof UploadStatus>;

export const PhotoSummary = Type.Object(
  {
    id: Uuid,
    bodySiteId: Uuid,
    view: Type.Union([PhotoViewSchema, Type.Null()]),
    /** The dermatologist's request this photo answers (more images); null for the original submission. */
    photoRequestId: Type.Union([Uuid, Type.Null()]),
    width: Type.Integer(),
    height: Type.Integer(),
    quality: Type.Object(
      {
        decision: Type.Union([Type.Literal('accept'), Type.Literal('warn')]),
        reasons: Type.Array(Type.String()),
        score: Type.Number(),
      },
      strict,
    ),
    capturedAt: Type.Union([DateTime, Type.Null()]),
    createdAt: DateTime,
  },
  strict,
);
export type PhotoSummary = Static<typeof PhotoSummary>;

export const PhotoList = Type.Object({ photos: Type.Array(PhotoSummary) }, strict);
export type PhotoList = Static<typeof PhotoList>;

export const PhotoIdParams = Type.Object({ id: Uuid }, strict);
export type PhotoIdParams = Static<typeof PhotoIdParams>;

/** Short-lived links (≤ 15 minutes) to one photo's derivatives, usable only in the session that asked for them. */
export const PhotoLinks = Type.Object(
  {
    photoId: Uuid,
    expiresAt: DateTime,
    links: Type.Object({ master: Type.String(), preview: Type.String(), thumbnail: Type.String() }, strict),
  },
  strict,
);
export type PhotoLinks = Static<typeof PhotoLinks>;

export const ImageTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, strict);
export type ImageTokenParams = Static<typeof ImageTokenParams>;
