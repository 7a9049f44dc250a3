import { type Static, type TProperties, type TSchema, Type } from '@sinclair/typebox';
import { CASE_STATUSES } from '../cases/case-status.ts';
import { Locale } from './auth.schema.ts';

const strict = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export const CaseStatusSchema = Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)));
export const ConcernSchema = Type.Union([Type.Literal('lesion'), Type.Literal('rash'), Type.Literal('other')]);
export type Concern = Static<typeof ConcernSchema>;
export const LateralitySchema = Type.Union([Type.Literal('left'), Type.Literal('right'), Type.Literal('bilateral')]);

// ---- Consent ----

export const ConsentQuery = Type.Object({ locale: Type.Optional(Locale) }, strict);
export type ConsentQuery = Static<typeof ConsentQuery>;

export const CurrentConsent = Type.Object(
  {
    version: Type.String(),
    effectiveFrom: IsoDate,
    locale: Locale,
    title: Type.String(),
    sections: Type.Array(Type.Object({ heading: Type.String(), body: Type.String() }, strict)),
    agreement: Type.String(),
    emergencyAdvice: Type.String(),
  },
  strict,
);
export type CurrentConsent = Static<typeof CurrentConsent>;

export const AcceptConsentBody = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 32 }),
    /** A referring clinician attests the patient's consent for one of their cases; patients leave it out. */
    caseId: Type.Optional(Uuid),
  },
  strict,
);
export type AcceptConsentBody = Static<typeof AcceptConsentBody>;

export const ConsentReceipt = Type.Object({ id: Uuid, version: Type.String(), acceptedAt: DateTime }, strict);
export type ConsentReceipt = Static<typeof ConsentReceipt>;

// ---- Intake (a FHIR R4 QuestionnaireResponse, shape only; the answers are checked by validateIntakeResponse) ----

const Coding = Type.Object(
  {
    system: Type.Optional(Type.String({ maxLength: 200 })),
    code: Type.Optional(Type.String({ maxLength: 100 })),
    display: Type.Optional(Type.String({ maxLength: 200 })),
  },
  strict,
);
const Quantity = Type.Object(
  {
    value: Type.Number(),
    unit: Type.Optional(Type.String({ maxLength: 50 })),
    system: Type.Optional(Type.String({ maxLength: 200 })),
    code: Type.Optional(Type.String({ maxLength: 50 })),
  },
  strict,
);
const ANSWER_VALUES = {
  valueBoolean: Type.Optional(Type.Boolean()),
  valueDecimal: Type.Optional(Type.Number()),
  valueInteger: Type.Optional(Type.Integer()),
  valueDate: Type.Optional(Type.String({ maxLength: 10 })),
  valueDateTime: Type.Optional(Type.String({ maxLength: 40 })),
  valueString: Type.Optional(Type.String({ maxLength: 4000 })),
  valueCoding: Type.Optional(Coding),
  valueQuantity: Type.Optional(Quantity),
};

/** Items nest (groups, repeating groups, answers with child items); a few levels cover the intake. */
function responseItem(depth: number): TSchema {
  const children: TProperties =
    depth > 0 ? { item: Type.Optional(Type.Array(responseItem(depth - 1), { maxItems: 100 })) } : {};
  const answer = Type.Object({ ...ANSWER_VALUES, ...children }, { ...strict, minProperties: 1 });
  return Type.Object(
    {
      linkId: Type.String({ minLength: 1, maxLength: 100 }),
      text: Type.Optional(Type.String({ maxLength: 500 })),
      answer: Type.Optional(Type.Array(answer, { maxItems: 50 })),
      ...children,
    },
    strict,
  );
}

export const IntakeResponse = Type.Object(
  {
    resourceType: Type.Literal('QuestionnaireResponse'),
    questionnaire: Type.String({ maxLength: 300 }),
    status: Type.Union([Type.Literal('in-progress'), Type.Literal('completed')]),
    authored: Type.Optional(DateTime),
    item: Type.Optional(Type.Array(responseItem(4), { maxItems: 100 })),
  },
  strict,
);
export type IntakeResponse = Static<typeof IntakeResponse>;

export const SaveIntakeBody = Type.Object(
  {
    /** The intake version the client last read; a save over a newer one is refused (stale draft). */
    version: Type.Integer({ minimum: 0 }),
    response: IntakeResponse,
  },
  strict,
);
export type SaveIntakeBody = Static<typeof SaveIntakeBody>;

export const IntakeState = Type.Object(
  { version: Type.Integer(), response: Type.Union([IntakeResponse, Type.Null()]) },
  strict,
);

// ---- Cases ----

export const CaseIdParams = Type.Object({ id: Uuid }, strict);
export type CaseIdParams = Static<typeof CaseIdParams>;

export const CreateCaseBody = Type.Object({ concern: ConcernSchema }, strict);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

// ---- A case a referring clinician sends for a patient (Advice & Guidance) ----

/** Shape only; the rules (names, plausible date of birth, NHS number check digit) are checkPatientDetails. */
export const PatientDetailsInput = Type.Object(
  {
    givenName: Type.String({ maxLength: 200 }),
    familyName: Type.String({ maxLength: 200 }),
    birthDate: Type.String({ maxLength: 20 }),
    identifier: Type.Object(
      { system: Type.String({ maxLength: 300 }), value: Type.String({ maxLength: 100 }) },
      strict,
    ),
  },
  strict,
);
export type PatientDetailsInput = Static<typeof PatientDetailsInput>;

export const CreateCaseForPatientBody = Type.Object(
  {
    concern: ConcernSchema,
    patient: PatientDetailsInput,
    /** The consent version the clinician attests the patient agreed to; may also come later (POST /api/consents). */
    attestation: Type.Optional(Type.Object({ version: Type.String({ minLength: 1, maxLength: 32 }) }, strict)),
  },
  strict,
);
export type CreateCaseForPatientBody = Static<typeof CreateCaseForPatientBody>;

/** The patient as the referring clinician entered them; shown only to that clinician. */
export const CasePatient = Type.Object(
  {
    givenName: Type.String(),
    familyName: Type.String(),
    birthDate: IsoDate,
    identifier: Type.Union([Type.Object({ system: Type.String(), value: Type.String() }, strict), Type.Null()]),
  },
  strict,
);
export type CasePatient = Static<typeof CasePatient>;

export const BodySiteInput = Type.Object(
  {
    /** A code from the body-site catalogue (core/cases/body-sites.ts): SNOMED CT or a Dermis code. */
    site: Type.String({ minLength: 1, maxLength: 40 }),
    laterality: Type.Optional(Type.Union([LateralitySchema, Type.Null()])),
  },
  strict,
);
export const SaveBodySitesBody = Type.Object({ bodySites: Type.Array(BodySiteInput, { maxItems: 12 }) }, strict);
export type SaveBodySitesBody = Static<typeof SaveBodySitesBody>;

export const CaseBodySite = Type.Object(
  {
    id: Uuid,
    site: Type.String(),
    system: Type.String(),
    laterality: Type.Union([LateralitySchema, Type.Null()]),
    label: Type.String(),
  },
  strict,
);
export type CaseBodySite = Static<typeof CaseBodySite>;
export const CaseBodySiteList = Type.Object({ bodySites: Type.Array(CaseBodySite) }, strict);

export const CaseSummary = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.String(),
    concern: ConcernSchema,
    status: CaseStatusSchema,
    createdAt: DateTime,
    updatedAt: DateTime,
    submittedAt: Type.Union([DateTime, Type.Null()]),
    /** Present for the referring clinician who sent the case (they look after many patients). */
    patient: Type.Optional(CasePatient),
  },
  strict,
);
export type CaseSummary = Static<typeof CaseSummary>;
export const CaseList = Type.Object({ cases: Type.Array(CaseSummary) }, strict);
export type CaseList = Static<typeof CaseList>;

export const TimelineEvent = Type.Object(
  {
    at: DateTime,
    type: Type.String(),
    actorRole: Type.Union([Type.String(), Type.Null()]),
    from: Type.Optional(CaseStatusSchema),
    to: Type.Optional(CaseStatusSchema),
  },
  strict,
);

export const CaseDetail = Type.Object(
  {
    ...CaseSummary.properties,
    questionnaire: Type.String(),
    intake: IntakeState,
    bodySites: Type.Array(CaseBodySite),
    timeline: Type.Array(TimelineEvent),
    expectedResponseBy: Type.Union([IsoDate, Type.Null()]),
  },
  strict,
);
export type CaseDetail = Static<typeof CaseDetail>;

export const SubmitCaseHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ description: 'Required. 1–128 printable characters, unique per submission attempt.' }),
  ),
});

export const SubmitCaseBody = Type.Object(
  {
    /** The intake version the patient reviewed before pressing submit. */
    intakeVersion: Type.Integer({ minimum: 0 }),
  },
  strict,
);
export type SubmitCaseBody = Static<typeof SubmitCaseBody>;

export const CaseReceipt = Type.Object(
  {
    caseId: Uuid,
    caseNumber: Type.String(),
    status: CaseStatusSchema,
    submittedAt: DateTime,
    expectedResponseBusinessDays: Type.Integer(),
    expectedResponseBy: IsoDate,
  },
  strict,
);
export type CaseReceipt = Static<typeof CaseReceipt>;
